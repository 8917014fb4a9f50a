package io.github.threadleaks.junit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.threadleaks.core.CreationSite;
import io.github.threadleaks.core.GroupDetail;
import io.github.threadleaks.core.StackGroupReport;
import io.github.threadleaks.core.internal.Plurals;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store.CloseableResource;

/**
 * The leaks of the whole run, one paragraph per stack group with the tests it failed, the
 * group that failed most tests first, and the class-initializer threads noted rather than
 * blamed, and what a run in parallel could not attribute. Printed once, to standard
 * output (and written as JSON where {@code threadleaks.junit.report-file} asks), when
 * JUnit closes the run's root store: JUnit before 5.13 closes only a
 * {@link CloseableResource}, later lines an {@link AutoCloseable} too, so it is both and
 * prints once.
 */
@SuppressWarnings("deprecation") // CloseableResource is deprecated from JUnit 5.13 on,
									// and the only one 5.10 closes.
final class RunSummary implements CloseableResource, AutoCloseable {

	/** The tests named per group; the rest are counted. */
	static final int MAX_TESTS = 5;

	/**
	 * The top frames printed per group: enough to recognise it; each test's failure has
	 * the whole stack.
	 */
	static final int MAX_FRAMES = 3;

	private static final Namespace NAMESPACE = Namespace.create(RunSummary.class);

	private final PrintStream out;

	private final @Nullable Path reportFile;

	private final AtomicBoolean printed = new AtomicBoolean();

	private int checks;

	/**
	 * Leaked groups by id: the id hashes the group's name, state and frames, so it is the
	 * same in every test.
	 */
	private final Map<String, Leak> leaks = new LinkedHashMap<>();

	/** Class-initializer threads by group name and initializer frame. */
	private final Map<String, Singleton> singletons = new LinkedHashMap<>();

	/** What a run in parallel could not attribute to a test. */
	private final Unattributed unattributed = new Unattributed();

	RunSummary(PrintStream out, @Nullable Path reportFile) {
		this.out = out;
		this.reportFile = reportFile;
	}

	/** The run's summary, created on first use; {@code null} where switched off. */
	static @Nullable RunSummary of(ExtensionContext context) {
		if (!PlatformProperties.summary(context)) {
			return null;
		}
		return context.getRoot()
			.getStore(NAMESPACE)
			.getOrComputeIfAbsent(RunSummary.class,
					(key) -> new RunSummary(System.out, PlatformProperties.reportFile(context).orElse(null)),
					RunSummary.class);
	}

	/** A check has begun. */
	synchronized void checked() {
		this.checks++;
	}

	/** The check of {@code where} (a test or a test class) failed with these groups. */
	synchronized void leaked(String where, List<GroupDetail> groups) {
		for (GroupDetail detail : groups) {
			StackGroupReport group = detail.group();
			Leak leak = this.leaks.computeIfAbsent(group.id(), (id) -> new Leak(group));
			leak.where.add(where);
			leak.threads += group.count();
		}
	}

	/**
	 * The check of {@code where} saw {@code threads} threads like {@code name} started
	 * from {@code initializer}.
	 */
	synchronized void singleton(String where, String name, String initializer, int threads) {
		Singleton singleton = this.singletons.computeIfAbsent(name + " " + initializer,
				(key) -> new Singleton(name, initializer, where));
		singleton.threads += threads;
	}

	/**
	 * A thread like {@code name} that no test started was alive after a test that ran
	 * beside others; it was not blamed.
	 */
	synchronized void ownerless(long threadId, String name) {
		this.unattributed.ownerless(threadId, name);
	}

	/**
	 * The check of {@code where} ran beside other tests without creation sites, so it
	 * could tell none of its threads from theirs and made no verdict.
	 */
	synchronized void notAttributable(String where) {
		this.unattributed.notAttributable(where);
	}

	@Override
	public void close() {
		if (this.printed.compareAndSet(false, true)) {
			String text = text();
			if (!text.isEmpty()) {
				this.out.print(text);
				this.out.flush();
			}
			if (this.reportFile != null) {
				write(this.reportFile, json());
			}
		}
	}

	private static void write(Path file, String json) {
		try {
			Path parent = file.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			Files.writeString(file, json, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(
					"threadleaks could not write " + PlatformProperties.REPORT_FILE + "=" + file + ": " + ex, ex);
		}
	}

	/** The summary, or nothing if no check ran. */
	synchronized String text() {
		if (this.checks == 0) {
			return "";
		}
		StringBuilder text = new StringBuilder("threadleaks: ");
		Set<String> failed = new LinkedHashSet<>();
		int threads = 0;
		for (Leak leak : this.leaks.values()) {
			failed.addAll(leak.where);
			threads += leak.threads;
		}
		if (this.leaks.isEmpty()) {
			text.append("no leaked threads in ").append(Plurals.count(this.checks, "check")).append('\n');
		}
		else {
			text.append(Plurals.count(threads, "leaked thread"))
				.append(" in ")
				.append(Plurals.count(this.leaks.size(), "stack group"))
				.append(", ")
				.append(failed.size())
				.append(" of ")
				.append(Plurals.count(this.checks, "check"))
				.append(" failed, the group that failed most first:\n");
			for (Leak leak : worstFirst()) {
				leak.appendTo(text);
			}
		}
		if (!this.singletons.isEmpty()) {
			text.append("threadleaks: not blamed, threads started from a class initializer (process-wide singletons; ")
				.append(PlatformProperties.BLAME_CLASS_INITIALIZERS)
				.append("=true blames them):\n");
			for (Singleton singleton : this.singletons.values()) {
				text.append("  ")
					.append(Plurals.count(singleton.threads, "thread"))
					.append(" like \"")
					.append(singleton.name)
					.append("\" started by ")
					.append(singleton.initializer)
					.append(", first in ")
					.append(singleton.firstWhere)
					.append('\n');
			}
		}
		this.unattributed.appendTo(text);
		return text.toString();
	}

	/** The summary as a JSON document. */
	synchronized String json() {
		Set<String> failed = new LinkedHashSet<>();
		int threads = 0;
		for (Leak leak : this.leaks.values()) {
			failed.addAll(leak.where);
			threads += leak.threads;
		}
		RunReportJson json = new RunReportJson().beginObject()
			.field("checks", this.checks)
			.field("failedChecks", failed.size())
			.field("leakedThreads", threads)
			.beginArray("groups");
		for (Leak leak : worstFirst()) {
			json.beginObject()
				.field("name", leak.group.name())
				.field("state", String.valueOf(leak.group.state()))
				.field("threads", leak.threads)
				.field("frames", leak.group.frames())
				.field("createdBy", leak.group.creationSites().stream().map(CreationSite::site).toList())
				.field("checks", leak.where)
				.endObject();
		}
		json.endArray().beginArray("classInitializerThreads");
		for (Singleton singleton : this.singletons.values()) {
			json.beginObject()
				.field("name", singleton.name)
				.field("initializer", singleton.initializer)
				.field("threads", singleton.threads)
				.field("firstIn", singleton.firstWhere)
				.endObject();
		}
		json.endArray();
		this.unattributed.appendTo(json);
		return json.endObject().toString();
	}

	private List<Leak> worstFirst() {
		List<Leak> worstFirst = new ArrayList<>(this.leaks.values());
		worstFirst.sort(Comparator.comparingInt((Leak leak) -> leak.where.size())
			.thenComparingInt((leak) -> leak.threads)
			.reversed());
		return worstFirst;
	}

	/** One leaked group across the run. */
	private static final class Leak {

		private final StackGroupReport group;

		private final Set<String> where = new LinkedHashSet<>();

		private int threads;

		Leak(StackGroupReport group) {
			this.group = group;
		}

		void appendTo(StringBuilder text) {
			text.append("  ")
				.append(Plurals.count(this.where.size(), "check"))
				.append(", ")
				.append(Plurals.count(this.threads, "thread"))
				.append(" like \"")
				.append(this.group.name())
				.append("\" ")
				.append(this.group.state())
				.append('\n');
			List<String> frames = this.group.frames();
			for (int i = 0; i < Math.min(frames.size(), MAX_FRAMES); i++) {
				text.append("    at ").append(frames.get(i)).append('\n');
			}
			for (CreationSite site : this.group.creationSites()) {
				text.append("    created by ").append(site.site()).append('\n');
			}
			text.append("    in ");
			int named = 0;
			for (String where : this.where) {
				if (named == MAX_TESTS) {
					text.append(" and ").append(this.where.size() - MAX_TESTS).append(" more");
					break;
				}
				text.append((named > 0) ? ", " : "").append(where);
				named++;
			}
			text.append('\n');
		}

	}

	/** Threads started by one class initializer. */
	private static final class Singleton {

		private final String name;

		private final String initializer;

		private final String firstWhere;

		private int threads;

		Singleton(String name, String initializer, String firstWhere) {
			this.name = name;
			this.initializer = initializer;
			this.firstWhere = firstWhere;
		}

	}

}
