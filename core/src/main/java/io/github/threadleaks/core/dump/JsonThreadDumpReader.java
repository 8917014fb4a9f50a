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

import io.github.threadleaks.core.StackFrame;
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

	private final int maxDepth;

	private final @Nullable LongPredicate isPlatformThread;

	private final FrameText frames = new FrameText();

	private final Map<List<String>, List<StackFrame>> stacks = new HashMap<>();

	private final Map<String, String> containers = new HashMap<>();

	private final List<String> stackTexts = new ArrayList<>();

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
		this.maxDepth = maxDepth;
		this.isPlatformThread = isPlatformThread;
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
					threads.accept(readThread(json, container));
				}
				json.endArray();
			}
			else {
				json.skipValue();
			}
		}
		json.endObject();
	}

	private DumpedThread readThread(JsonReader json, @Nullable String container) throws IOException {
		ThreadFields thread = new ThreadFields();
		try {
			json.beginObject();
			while (json.hasNext()) {
				switch (json.nextName()) {
					case "tid" -> thread.id = threadId(json);
					case "name" -> thread.name = json.nextString();
					case "state" -> thread.state = json.nextStringOrNull();
					case "virtual" -> thread.virtual = json.nextBoolean();
					case "parkBlocker" -> thread.blocker = readBlocker(json);
					case "stack" -> {
						thread.fingerprint = readStack(json);
						thread.stack = internedStack(json);
					}
					default -> json.skipValue();
				}
			}
			json.endObject();
		}
		catch (DumpFormatException ex) {
			throw ex.inThread(thread.describe());
		}
		if (thread.id < 0) {
			throw new DumpFormatException(this.source, "a thread without its \"tid\"", -1, json.offsetNow(),
					thread.describe());
		}
		Thread.State state = StackStates.stateOf(thread.state, thread.stack);
		boolean virtual = isVirtual(thread);
		return new DumpedThread(thread.id, thread.name, state, virtual, virtual, thread.blocker, thread.stack,
				31 * thread.fingerprint + state.ordinal(), container);
	}

	private long threadId(JsonReader json) throws IOException {
		long at = json.offsetNow();
		String tid = json.nextString();
		try {
			long id = Long.parseLong(tid);
			if (id >= 0) {
				return id;
			}
		}
		catch (NumberFormatException ex) {
			// Said below.
		}
		throw new DumpFormatException(this.source, "\"tid\" is not a thread id: " + tid, -1, at, null);
	}

	/**
	 * JDK 25 marks each virtual thread and gives each thread a state; earlier dumps do
	 * neither.
	 */
	private boolean isVirtual(ThreadFields thread) {
		if (thread.virtual != null) {
			return thread.virtual;
		}
		if (thread.state != null) {
			return false;
		}
		if (this.isPlatformThread != null) {
			return !this.isPlatformThread.test(thread.id);
		}
		List<StackFrame> stack = thread.stack;
		return !stack.isEmpty() && stack.get(stack.size() - 1).className().equals("jdk.internal.vm.Continuation");
	}

	/**
	 * A park blocker is an object ({@code {"object": "...", "owner": ...}}) on JDK 25, a
	 * string before.
	 */
	private static @Nullable String readBlocker(JsonReader json) throws IOException {
		JsonReader.Token next = json.peek();
		if (next == JsonReader.Token.STRING) {
			return json.nextString();
		}
		if (next != JsonReader.Token.BEGIN_OBJECT) {
			json.skipValue();
			return null;
		}
		String object = null;
		json.beginObject();
		while (json.hasNext()) {
			if (json.nextName().equals("object")) {
				object = json.nextStringOrNull();
			}
			else {
				json.skipValue();
			}
		}
		json.endObject();
		return object;
	}

	/** Reads the frames' texts into {@link #stackTexts} and returns their fingerprint. */
	private long readStack(JsonReader json) throws IOException {
		this.stackTexts.clear();
		long fingerprint = 1;
		json.beginArray();
		while (json.hasNext()) {
			String text = json.nextString();
			fingerprint = 31 * fingerprint + text.hashCode();
			if (this.stackTexts.size() < this.maxDepth) {
				this.stackTexts.add(text);
			}
		}
		json.endArray();
		return fingerprint;
	}

	private List<StackFrame> internedStack(JsonReader json) throws IOException {
		List<StackFrame> known = this.stacks.get(this.stackTexts);
		if (known != null) {
			return known;
		}
		StackFrame[] parsed = new StackFrame[this.stackTexts.size()];
		for (int i = 0; i < parsed.length; i++) {
			StackFrame frame = this.frames.frame(this.stackTexts.get(i));
			if (frame == null) {
				throw new DumpFormatException(this.source, "unreadable stack frame: " + this.stackTexts.get(i), -1,
						json.offsetNow(), null);
			}
			parsed[i] = frame;
		}
		List<StackFrame> stack = List.of(parsed);
		this.stacks.put(List.copyOf(this.stackTexts), stack);
		return stack;
	}

	/** Distinct stacks read so far: what the threads read share. */
	public int distinctStacks() {
		return this.stacks.size();
	}

	private String containerLabel(String raw) {
		return this.containers.computeIfAbsent(raw, (name) -> IDENTITY_HASH.matcher(name).replaceAll(""));
	}

	/** What the dump says of itself. */
	private static final class Header {

		@Nullable String processId;

		@Nullable Instant time;

	}

	/** What a thread's members say, collected as they are read. */
	private static final class ThreadFields {

		long id = -1;

		String name = "";

		@Nullable String state;

		@Nullable Boolean virtual;

		@Nullable String blocker;

		List<StackFrame> stack = List.of();

		long fingerprint = 1;

		String describe() {
			return ((this.id >= 0) ? String.valueOf(this.id) : "(no tid yet)")
					+ (this.name.isEmpty() ? "" : " \"" + this.name + "\"");
		}

	}

}
