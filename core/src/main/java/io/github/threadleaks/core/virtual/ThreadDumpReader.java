package io.github.threadleaks.core.virtual;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.regex.Pattern;

import io.github.threadleaks.core.StackFrame;
import io.github.threadleaks.core.ThreadCensus;
import io.github.threadleaks.core.ThreadNames;
import org.jspecify.annotations.Nullable;

/**
 * Reads the virtual threads out of the JVM's JSON thread dump
 * ({@code HotSpotDiagnosticMXBean.dumpThreads}, JDK 21+) as it streams by: one thread at
 * a time, never the whole document. Identical stacks are interned, so a hundred thousand
 * threads parked in one place share one frame list.
 */
final class ThreadDumpReader {

	/**
	 * The identity hash a container name ends with
	 * ({@code ThreadPerTaskExecutor@f5ac9e4}): new per instance.
	 */
	private static final Pattern IDENTITY_HASH = Pattern.compile("@\\p{XDigit}+");

	private final int maxDepth;

	private final LongPredicate isPlatformThread;

	private final Map<List<String>, List<StackFrame>> stacks = new HashMap<>();

	private final Map<String, StackFrame> frames = new HashMap<>();

	private final Map<String, String> containers = new HashMap<>();

	private final List<String> stackTexts = new ArrayList<>();

	/**
	 * Creates a reader.
	 * @param maxDepth frames kept per thread, from the top
	 * @param isPlatformThread tells platform threads from virtual ones in dumps that do
	 * not say (JDK 21 to 24)
	 */
	ThreadDumpReader(int maxDepth, LongPredicate isPlatformThread) {
		this.maxDepth = maxDepth;
		this.isPlatformThread = isPlatformThread;
	}

	/** Reads a dump, handing each virtual thread to {@code threads}. */
	void read(Reader dump, VirtualThreadConsumer threads) throws IOException {
		JsonReader json = new JsonReader(dump);
		json.beginObject();
		while (json.hasNext()) {
			if (json.nextName().equals("threadDump")) {
				readThreadDump(json, threads);
			}
			else {
				json.skipValue();
			}
		}
		json.endObject();
	}

	private void readThreadDump(JsonReader json, VirtualThreadConsumer threads) throws IOException {
		json.beginObject();
		while (json.hasNext()) {
			if (json.nextName().equals("threadContainers")) {
				json.beginArray();
				while (json.hasNext()) {
					readContainer(json, threads);
				}
				json.endArray();
			}
			else {
				json.skipValue();
			}
		}
		json.endObject();
	}

	private void readContainer(JsonReader json, VirtualThreadConsumer threads) throws IOException {
		String container = "<unknown>";
		json.beginObject();
		while (json.hasNext()) {
			String name = json.nextName();
			if (name.equals("container")) {
				String raw = json.nextStringOrNull();
				container = (raw != null) ? containerLabel(raw) : container;
			}
			else if (name.equals("threads")) {
				json.beginArray();
				while (json.hasNext()) {
					readThread(json, container, threads);
				}
				json.endArray();
			}
			else {
				json.skipValue();
			}
		}
		json.endObject();
	}

	private void readThread(JsonReader json, String container, VirtualThreadConsumer threads) throws IOException {
		long id = -1;
		String name = "";
		String state = null;
		Boolean virtual = null;
		String blocker = null;
		List<StackFrame> stack = List.of();
		long fingerprint = 0;
		json.beginObject();
		while (json.hasNext()) {
			switch (json.nextName()) {
				case "tid" -> id = Long.parseLong(json.nextString());
				case "name" -> name = json.nextString();
				case "state" -> state = json.nextString();
				case "virtual" -> virtual = json.nextBoolean();
				case "parkBlocker" -> blocker = readBlocker(json);
				case "stack" -> {
					fingerprint = readStack(json);
					stack = internedStack();
				}
				default -> json.skipValue();
			}
		}
		json.endObject();
		// JDK 25 marks each virtual thread and gives every thread a state; earlier dumps
		// do neither.
		boolean isVirtual = (virtual != null) ? virtual : state == null && !this.isPlatformThread.test(id);
		if (isVirtual && id >= 0) {
			Thread.State threadState = stateOf(state, stack);
			if (threadState == Thread.State.RUNNABLE || stack.isEmpty()) {
				// A running virtual thread has no CPU time to tell spinning from stuck:
				// it never counts as still.
				fingerprint = ThreadCensus.neverStill();
			}
			threads.accept(new ThreadCensus(id, name, threadState, true, blocker, -1, null, fingerprint, 0, -1), stack,
					container);
		}
	}

	/**
	 * A park blocker is an object ({@code {"object": "...", "owner": ...}}) on JDK 25, a
	 * string before.
	 */
	private static @Nullable String readBlocker(JsonReader json) throws IOException {
		if (json.peek() != JsonReader.Token.BEGIN_OBJECT) {
			return (json.peek() == JsonReader.Token.STRING) ? json.nextString() : skipped(json);
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

	private static @Nullable String skipped(JsonReader json) throws IOException {
		json.skipValue();
		return null;
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

	private List<StackFrame> internedStack() {
		List<StackFrame> known = this.stacks.get(this.stackTexts);
		if (known != null) {
			return known;
		}
		StackFrame[] parsed = new StackFrame[this.stackTexts.size()];
		for (int i = 0; i < parsed.length; i++) {
			parsed[i] = this.frames.computeIfAbsent(this.stackTexts.get(i), ThreadDumpReader::frame);
		}
		List<StackFrame> stack = List.of(parsed);
		this.stacks.put(List.copyOf(this.stackTexts), stack);
		return stack;
	}

	/** Distinct stacks read so far: what the threads of the dump share. */
	int distinctStacks() {
		return this.stacks.size();
	}

	private String containerLabel(String raw) {
		return this.containers.computeIfAbsent(raw,
				(name) -> ThreadNames.normalize(IDENTITY_HASH.matcher(name).replaceAll("")));
	}

	/**
	 * A frame from its text as {@link StackTraceElement#toString()} writes it:
	 * {@code [loader/][module[@version]/]class.method(File.java:12)}.
	 */
	static StackFrame frame(String text) {
		int open = text.lastIndexOf('(');
		String head = (open >= 0) ? text.substring(0, open) : text;
		String location = (open >= 0 && text.endsWith(")")) ? text.substring(open + 1, text.length() - 1) : "";
		int dot = head.lastIndexOf('.');
		String method = head.substring(dot + 1);
		String qualifiedClass = (dot >= 0) ? head.substring(0, dot) : "";
		// A hidden class's name holds a '/' of its own (Foo$$Lambda/0x...): the prefix
		// ends before it.
		int lambda = qualifiedClass.indexOf("$$Lambda");
		int slash = qualifiedClass.lastIndexOf('/', (lambda >= 0) ? lambda : qualifiedClass.length());
		String className = StackFrame.stableClassName(qualifiedClass.substring(slash + 1));
		if (location.equals("Native Method")) {
			return new StackFrame(className, method, null, -2);
		}
		if (location.isEmpty() || location.equals("Unknown Source")) {
			return new StackFrame(className, method, null, -1);
		}
		int colon = location.lastIndexOf(':');
		if (colon < 0) {
			return new StackFrame(className, method, location, -1);
		}
		try {
			return new StackFrame(className, method, location.substring(0, colon),
					Integer.parseInt(location.substring(colon + 1)));
		}
		catch (NumberFormatException ex) {
			return new StackFrame(className, method, location, -1);
		}
	}

	/**
	 * The dump's state; dumps before JDK 25 have none, so it is read from where the
	 * thread sits.
	 */
	private static Thread.State stateOf(@Nullable String state, List<StackFrame> stack) {
		if (state != null) {
			try {
				return Thread.State.valueOf(state);
			}
			catch (IllegalArgumentException ex) {
				// A state this JDK does not know: fall through to the stack.
			}
		}
		if (!stack.isEmpty() && stack.get(0).className().equals("java.lang.VirtualThread")) {
			String method = stack.get(0).methodName();
			if (method.equals("park")) {
				return Thread.State.WAITING;
			}
			if (method.equals("parkNanos") || method.equals("sleepNanos")) {
				return Thread.State.TIMED_WAITING;
			}
		}
		return Thread.State.RUNNABLE;
	}

	/** Receives each virtual thread of a dump. */
	@FunctionalInterface
	interface VirtualThreadConsumer {

		void accept(ThreadCensus thread, List<StackFrame> stack, String container);

	}

}
