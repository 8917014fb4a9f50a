package io.github.threadleaks.core.virtual;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.threadleaks.core.StackFrame;
import io.github.threadleaks.core.ThreadCensus;
import io.github.threadleaks.core.ThreadSource;
import org.jspecify.annotations.Nullable;

/**
 * The virtual threads of this JVM (JDK 21+), which the JVM's thread API does not see.
 * Each {@link #census()} writes the JVM's JSON thread dump to a file of its own, reads it
 * as it streams by and deletes it, whatever happens. The dump carries every stack, so
 * {@link #stacks} answers from the census just taken.
 * <p>
 * A virtual thread has no wait counters: its census carries the fingerprint of its whole
 * stack in {@link ThreadCensus#waitedCount()} instead, so a thread that parked elsewhere
 * reads as moved, and one that sits in the same place with the same state and blocker
 * reads as still.
 *
 * @since 0.1.0
 */
public final class VirtualThreadSource implements ThreadSource {

	private static final String DUMP_FILE = "threads.json";

	/**
	 * The JDK builds whose dumps are verified not to crash while virtual threads mount
	 * and unmount: none yet. JDK 25.0.3 crashed within seconds (JDK-8364343); JDK 21 is
	 * not measured.
	 */
	static final Set<String> VERIFIED_SAFE_JDKS = Set.of();

	private final ThreadDumper dumper;

	private final int maxDepth;

	private final Path tempRoot;

	private LatestStacks latest = LatestStacks.NONE;

	private int lastDistinctStacks;

	/**
	 * A source of this JVM's virtual threads, keeping {@code maxDepth} frames per thread.
	 */
	public VirtualThreadSource(int maxDepth) {
		this(jvmDumper(), maxDepth, Path.of(System.getProperty("java.io.tmpdir")));
	}

	/**
	 * A source over the given dumper, writing its files under {@code tempRoot}: tests use
	 * it.
	 */
	VirtualThreadSource(ThreadDumper dumper, int maxDepth, Path tempRoot) {
		this.dumper = dumper;
		this.maxDepth = maxDepth;
		this.tempRoot = tempRoot;
	}

	/**
	 * Why virtual threads cannot be watched in this JVM, or {@code null} when they can:
	 * the thread dump that lists them is JDK 21+.
	 */
	public static @Nullable String unavailableReason() {
		try {
			dumpMethod();
			return null;
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			return "needs JDK 21+ (this JVM is " + System.getProperty("java.version") + ")";
		}
	}

	/**
	 * Whether this JVM's build is one whose dumps are verified safe while virtual threads
	 * run.
	 */
	public static boolean verifiedSafe() {
		return VERIFIED_SAFE_JDKS.contains(Runtime.version().toString());
	}

	@Override
	public List<ThreadCensus> census() {
		List<ThreadCensus> census = new ArrayList<>();
		Map<Long, List<StackFrame>> stacks = new HashMap<>();
		Map<Long, String> containers = new HashMap<>();
		Set<Long> platform = platformThreadIds();
		ThreadDumpReader reader = new ThreadDumpReader(this.maxDepth, platform::contains);
		Path directory = null;
		try {
			directory = Files.createTempDirectory(this.tempRoot, "threadleaks-");
			// The JVM refuses to write over a file: the dump goes to a fresh path in a
			// directory of our own.
			Path dump = directory.resolve(DUMP_FILE);
			this.dumper.dump(dump);
			try (Reader in = new InputStreamReader(Files.newInputStream(dump), StandardCharsets.UTF_8)) {
				reader.read(in, (thread, stack, container) -> {
					census.add(thread);
					stacks.put(thread.id(), stack);
					containers.put(thread.id(), container);
				});
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the virtual threads' dump: " + ex.getMessage(), ex);
		}
		finally {
			delete(directory);
		}
		this.latest = new LatestStacks(stacks, containers);
		this.lastDistinctStacks = reader.distinctStacks();
		return census;
	}

	@Override
	public Map<Long, List<StackFrame>> stacks(long[] threadIds, int maxDepth) {
		return this.latest.stacks(threadIds, maxDepth);
	}

	@Override
	public @Nullable String container(long threadId) {
		return this.latest.container(threadId);
	}

	/**
	 * Distinct stacks in the latest dump: what its threads' frame lists are interned to.
	 */
	int lastDistinctStacks() {
		return this.lastDistinctStacks;
	}

	private static void delete(@Nullable Path directory) {
		if (directory == null) {
			return;
		}
		try {
			Files.deleteIfExists(directory.resolve(DUMP_FILE));
			Files.deleteIfExists(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not delete the virtual threads' dump in " + directory, ex);
		}
	}

	/** Platform thread ids, which dumps before JDK 25 do not tell from virtual ones. */
	private static Set<Long> platformThreadIds() {
		Set<Long> ids = new HashSet<>();
		for (long id : ManagementFactory.getThreadMXBean().getAllThreadIds()) {
			ids.add(id);
		}
		return ids;
	}

	/** {@code HotSpotDiagnosticMXBean.dumpThreads(String, ThreadDumpFormat)}, JDK 21+. */
	private static Method dumpMethod() throws ReflectiveOperationException {
		Class<?> bean = Class.forName("com.sun.management.HotSpotDiagnosticMXBean");
		Class<?> format = Class.forName("com.sun.management.HotSpotDiagnosticMXBean$ThreadDumpFormat");
		return bean.getMethod("dumpThreads", String.class, format);
	}

	// The JDK 21 API is reached by reflection: this code is compiled for Java 17.
	@SuppressWarnings({ "unchecked", "rawtypes" })
	static ThreadDumper jvmDumper() {
		return (path) -> {
			try {
				Method dump = dumpMethod();
				Class<?> beanType = dump.getDeclaringClass();
				Object format = Enum.valueOf((Class<Enum>) dump.getParameterTypes()[1], "JSON");
				Object bean = ManagementFactory.getPlatformMXBean((Class) beanType);
				dump.invoke(bean, path.toAbsolutePath().toString(), format);
			}
			catch (InvocationTargetException ex) {
				Throwable cause = ex.getCause();
				if (cause instanceof IOException io) {
					throw io;
				}
				throw new IllegalStateException("The virtual threads' dump failed", cause);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("Virtual threads can be watched on JDK 21+ only", ex);
			}
		};
	}

	/** Writes the JVM's JSON thread dump to a path that does not exist yet. */
	@FunctionalInterface
	interface ThreadDumper {

		void dump(Path path) throws IOException;

	}

}
