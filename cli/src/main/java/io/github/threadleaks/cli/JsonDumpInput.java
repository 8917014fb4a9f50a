package io.github.threadleaks.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.threadleaks.core.StackFrame;
import org.jspecify.annotations.Nullable;

/**
 * The one dump of a JDK JSON thread dump ({@code jcmd Thread.dump_to_file -format=json},
 * JDK 21+): platform and virtual threads of every container. Unnamed virtual threads take
 * their container's name.
 */
final class JsonDumpInput implements DumpInput {

	/**
	 * The dump's own time comes first in the document: read without parsing the threads.
	 */
	private static final Pattern TIME = Pattern.compile("\"time\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern IDENTITY_HASH = Pattern.compile("@\\p{XDigit}+$");

	private final Path file;

	private final FrameText frames;

	private @Nullable BufferedReader head;

	private @Nullable Instant time;

	private boolean consumed;

	JsonDumpInput(Path file, BufferedReader head, FrameText frames) {
		this.file = file;
		this.head = head;
		this.frames = frames;
	}

	@Override
	public Path file() {
		return this.file;
	}

	@Override
	public @Nullable Instant nextTime() throws BadInputException {
		if (this.consumed) {
			return null;
		}
		if (this.time == null) {
			this.time = readTime();
		}
		return this.time;
	}

	private Instant readTime() throws BadInputException {
		char[] start = new char[4096];
		int length;
		try (Reader reader = this.head) {
			length = (reader != null) ? reader.read(start) : -1;
		}
		catch (IOException ex) {
			throw new BadInputException(this.file, "cannot be read: " + ex.getMessage());
		}
		finally {
			this.head = null;
		}
		Matcher time = TIME.matcher(new String(start, 0, Math.max(0, length)));
		if (!time.find()) {
			// Not the JDK's layout: reading it whole says what is wrong with it.
			threadDump(document());
			throw new BadInputException(this.file, "JSON thread dump without its \"time\"");
		}
		try {
			return Instant.parse(time.group(1));
		}
		catch (DateTimeParseException ex) {
			throw new BadInputException(this.file, "JSON thread dump with an unreadable \"time\": " + time.group(1));
		}
	}

	@Override
	public Dump next() throws BadInputException {
		Instant takenAt = nextTime();
		this.consumed = true;
		Map<?, ?> dump = threadDump(document());
		List<DumpedThread> threads = new ArrayList<>();
		Object containers = dump.get("threadContainers");
		if (!(containers instanceof List<?> list)) {
			throw new BadInputException(this.file, "JSON thread dump without \"threadContainers\"");
		}
		for (Object container : list) {
			if (container instanceof Map<?, ?> map && map.get("threads") instanceof List<?> members) {
				String label = (map.get("container") instanceof String name)
						? IDENTITY_HASH.matcher(name).replaceFirst("") : "<unknown>";
				for (Object member : members) {
					if (member instanceof Map<?, ?> thread) {
						threads.add(thread(thread, label));
					}
				}
			}
		}
		return new Dump((takenAt != null) ? takenAt : Instant.EPOCH, threads);
	}

	@Override
	public void skip() throws BadInputException {
		nextTime();
		this.consumed = true;
		// Read whole, so that a cut or corrupt document is said before the series is
		// judged.
		threadDump(document());
	}

	private DumpedThread thread(Map<?, ?> thread, String container) throws BadInputException {
		long id;
		try {
			id = Long.parseLong(String.valueOf(thread.get("tid")));
		}
		catch (NumberFormatException ex) {
			throw new BadInputException(this.file, "thread without a numeric \"tid\": " + thread.get("tid"));
		}
		boolean virtual = Boolean.TRUE.equals(thread.get("virtual"));
		String name = (thread.get("name") instanceof String text) ? text : "";
		if (name.isEmpty() && virtual) {
			name = container;
		}
		List<StackFrame> stack = new ArrayList<>();
		long fingerprint = 1;
		if (thread.get("stack") instanceof List<?> texts) {
			for (Object text : texts) {
				StackFrame frame = this.frames.parse(String.valueOf(text));
				if (frame == null) {
					throw new BadInputException(this.file, "thread " + id + ": unreadable stack frame: " + text);
				}
				stack.add(frame);
				fingerprint = 31 * fingerprint + text.hashCode();
			}
		}
		Thread.State state = state(thread.get("state"), stack);
		String lock = (thread.get("parkBlocker") instanceof Map<?, ?> blocker
				&& blocker.get("object") instanceof String object) ? IDENTITY_HASH.matcher(object).replaceFirst("")
						: null;
		return new DumpedThread(id, name, state, virtual, lock, List.copyOf(stack), 31 * fingerprint + state.ordinal());
	}

	/**
	 * The dump's state; dumps before JDK 25 have none, so it is read from where the
	 * thread sits.
	 */
	private static Thread.State state(@Nullable Object state, List<StackFrame> stack) {
		if (state instanceof String name) {
			try {
				return Thread.State.valueOf(name);
			}
			catch (IllegalArgumentException ex) {
				// A state this JDK does not know: read it from the stack.
			}
		}
		for (StackFrame frame : stack) {
			String method = frame.qualifiedMethod();
			if (method.startsWith("java.lang.Thread.sleep") || method.endsWith(".parkNanos")) {
				return Thread.State.TIMED_WAITING;
			}
			if (method.equals("jdk.internal.misc.Unsafe.park") || method.startsWith("java.lang.Object.wait")
					|| method.equals("java.lang.VirtualThread.park")) {
				return Thread.State.WAITING;
			}
		}
		return Thread.State.RUNNABLE;
	}

	private Object document() throws BadInputException {
		try (Reader reader = Files.newBufferedReader(this.file, StandardCharsets.UTF_8)) {
			Object document = JsonText.parse(reader);
			return (document != null) ? document : Map.of();
		}
		catch (IOException ex) {
			throw new BadInputException(this.file, "cannot be read: " + ex.getMessage());
		}
		catch (JsonText.Malformed ex) {
			throw new BadInputException(this.file, "corrupt JSON thread dump: " + ex.getMessage());
		}
	}

	private Map<?, ?> threadDump(Object document) throws BadInputException {
		if (document instanceof Map<?, ?> root && root.get("threadDump") instanceof Map<?, ?> dump) {
			return dump;
		}
		throw new BadInputException(this.file, "unknown format: JSON, but not a JDK thread dump (no \"threadDump\")");
	}

	@Override
	public void close() {
		this.head = null;
	}

}
