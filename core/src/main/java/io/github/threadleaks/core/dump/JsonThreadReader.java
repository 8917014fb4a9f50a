package io.github.threadleaks.core.dump;

import java.io.IOException;
import java.util.List;
import java.util.function.LongPredicate;

import io.github.threadleaks.core.StackFrame;
import org.jspecify.annotations.Nullable;

/**
 * Reads one thread object of a JSON thread dump (an element of a container's
 * {@code threads}) into a {@link DumpedThread}, as {@link JsonThreadDumpReader}
 * describes: its state read from its top frames where the dump gives none, whether it is
 * virtual told where the dump does not say.
 */
final class JsonThreadReader {

	private final String source;

	private final @Nullable LongPredicate isPlatformThread;

	private final InternedStacks stacks;

	/**
	 * A reader of the input {@code source}'s threads, telling platform threads by
	 * {@code isPlatformThread} (or, where {@code null}, by their stacks) in dumps that do
	 * not say, interning their stacks in {@code stacks}.
	 */
	JsonThreadReader(String source, @Nullable LongPredicate isPlatformThread, InternedStacks stacks) {
		this.source = source;
		this.isPlatformThread = isPlatformThread;
		this.stacks = stacks;
	}

	/** Reads the thread object at the reader's position, found in {@code container}. */
	DumpedThread read(JsonReader json, @Nullable String container) throws IOException {
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
						thread.fingerprint = this.stacks.read(json);
						thread.stack = this.stacks.interned(json);
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
