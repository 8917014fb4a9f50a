package io.github.threadleaks.core.dump;

import java.io.IOException;
import java.io.Reader;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The one reader of the JDK's JSON thread dump ({@code jcmd Thread.dump_to_file
 * -format=json}, {@code HotSpotDiagnosticMXBean.dumpThreads}), as JDK 21 to 25 write it:
 * streamed, one thread at a time, never the whole document in memory.
 *
 * <p>
 * It accepts a JSON object (RFC 8259 grammar, strictly: see below) with a
 * {@code threadDump} object whose optional {@code processId} and {@code time} (ISO-8601)
 * are strings and whose {@code threadContainers} is an array of containers, each with an
 * optional {@code container} name and a {@code threads} array. Of each thread it reads
 * {@code tid} (a string of digits, required), {@code name}, {@code state} (JDK 25),
 * {@code virtual} (JDK 25), {@code parkBlocker} (an object with an {@code object} on JDK
 * 25, a string before) and {@code stack} (frame texts, as {@link FrameText} reads them);
 * any other member is checked and passed over. Where the dump gives no state (JDK 21 to
 * 24) it is read from the top frames: a timed park or sleep is {@code TIMED_WAITING}, a
 * park or {@code Object.wait} {@code WAITING}, anything else {@code RUNNABLE}. Where it
 * does not say which threads are virtual, a thread whose stack starts in a continuation
 * is, unless the caller tells platform threads apart itself. Identical stacks are
 * interned, so a hundred thousand threads parked in one place share one frame list.
 *
 * <p>
 * Anything else throws a {@link DumpFormatException} naming the input, the character
 * offset and, inside a thread, the thread's id and name: malformed JSON (a bad escape
 * such as <code>&#92;uZZZZ</code>, a number outside the grammar, a missing or trailing
 * comma, text after the document), a document that is not a thread dump, a {@code tid}
 * that is not a number, an unreadable {@code time} or frame, and a document that ends
 * early (as JDK 25's writer leaves one at a thread whose name holds control characters),
 * said as {@code truncated}. Errors of the underlying {@link Reader} pass as they are.
 *
 * @since 0.1.0
 */
public final class JsonThreadDumpReader {

	/**
	 * The identity hash in a container's name ({@code ThreadPerTaskExecutor@f5ac9e4}).
	 */
	private static final Pattern IDENTITY_HASH = Pattern.compile("@\\p{XDigit}+");

	private final String source;

	private final InternedStacks stacks;

	private final JsonThreadReader threads;

	private final Map<String, String> containers = new HashMap<>();

	/**
	 * Creates a reader that keeps whole stacks and tells virtual threads by their stacks
	 * where the dump does not say.
	 * @param source the input's name, for errors
	 */
	public JsonThreadDumpReader(String source) {
		this(source, Integer.MAX_VALUE, null);
	}

	/**
	 * Creates a reader.
	 * @param source the input's name, for errors
	 * @param maxDepth frames kept per thread, from the top (the fingerprint covers all)
	 * @param isPlatformThread tells platform threads from virtual ones in dumps that do
	 * not say (JDK 21 to 24), or {@code null} to tell them by their stacks
	 */
	public JsonThreadDumpReader(String source, int maxDepth, @Nullable LongPredicate isPlatformThread) {
		this.source = source;
		this.stacks = new InternedStacks(source, maxDepth);
		this.threads = new JsonThreadReader(source, isPlatformThread, this.stacks);
	}

	/**
	 * Reads a whole dump into memory.
	 * @param dump the document
	 * @return the dump
	 * @throws DumpFormatException where the document is not a readable thread dump
	 * @throws IOException where the reader fails
	 */
	public ThreadDump read(Reader dump) throws IOException {
		List<DumpedThread> threads = new ArrayList<>();
		Header header = read(dump, threads::add);
		return new ThreadDump(header.time, header.processId, threads);
	}

	/**
	 * Reads a dump, handing each thread to {@code threads} as it is read.
	 * @param dump the document
	 * @param threads receives each thread
	 * @return when the dump was taken, or {@code null} where it does not say
	 * @throws DumpFormatException where the document is not a readable thread dump
	 * @throws IOException where the reader fails
	 */
	public @Nullable Instant stream(Reader dump, Consumer<DumpedThread> threads) throws IOException {
		return read(dump, threads).time;
	}

	private Header read(Reader dump, Consumer<DumpedThread> threads) throws IOException {
		JsonReader json = new JsonReader(dump, this.source);
		Header header = new Header();
		if (json.peek() != JsonReader.Token.BEGIN_OBJECT) {
			throw notAThreadDump(json);
		}
		boolean found = false;
		json.beginObject();
		while (json.hasNext()) {
			if (json.nextName().equals("threadDump") && json.peek() == JsonReader.Token.BEGIN_OBJECT) {
				readThreadDump(json, header, threads);
				found = true;
			}
			else {
				json.skipValue();
			}
		}
		json.endObject();
		json.endDocument();
		if (!found) {
			throw notAThreadDump(json);
		}
		return header;
	}

	private DumpFormatException notAThreadDump(JsonReader json) {
		return new DumpFormatException(this.source, "not a JDK thread dump (no \"threadDump\" object)", -1, -1, null);
	}

	private void readThreadDump(JsonReader json, Header header, Consumer<DumpedThread> threads) throws IOException {
		json.beginObject();
		while (json.hasNext()) {
			switch (json.nextName()) {
				case "processId" -> header.processId = json.nextStringOrNull();
				case "time" -> header.time = time(json);
				case "threadContainers" -> {
					json.beginArray();
					while (json.hasNext()) {
						readContainer(json, threads);
					}
					json.endArray();
				}
				default -> json.skipValue();
			}
		}
		json.endObject();
	}

	private @Nullable Instant time(JsonReader json) throws IOException {
		long at = json.offsetNow();
		String time = json.nextStringOrNull();
		try {
			return (time != null) ? Instant.parse(time) : null;
		}
		catch (DateTimeException ex) {
			throw new DumpFormatException(this.source, "unreadable \"time\": " + time, -1, at, null);
		}
	}

	private void readContainer(JsonReader json, Consumer<DumpedThread> threads) throws IOException {
		String container = null;
		json.beginObject();
		while (json.hasNext()) {
			String name = json.nextName();
			if (name.equals("container")) {
				String raw = json.nextStringOrNull();
				container = (raw != null) ? containerLabel(raw) : null;
			}
			else if (name.equals("threads")) {
				json.beginArray();
				while (json.hasNext()) {
					threads.accept(this.threads.read(json, container));
				}
				json.endArray();
			}
			else {
				json.skipValue();
			}
		}
		json.endObject();
	}

	/** Distinct stacks read so far: what the threads read share. */
	public int distinctStacks() {
		return this.stacks.distinct();
	}

	private String containerLabel(String raw) {
		return this.containers.computeIfAbsent(raw, (name) -> IDENTITY_HASH.matcher(name).replaceAll(""));
	}

	/** What the dump says of itself. */
	private static final class Header {

		@Nullable String processId;

		@Nullable Instant time;

	}

}
