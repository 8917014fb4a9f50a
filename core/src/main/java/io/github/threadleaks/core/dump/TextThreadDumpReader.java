package io.github.threadleaks.core.dump;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.threadleaks.core.StackFrame;
import org.jspecify.annotations.Nullable;

/**
 * The one reader of jstack text: the dumps of a {@code jstack} or
 * {@code jcmd Thread.print} output, of a file where several were appended, or of a log
 * holding {@code kill -3} dumps between other lines, JDK 17 to 25, read one dump at a
 * time.
 *
 * <p>
 * A dump begins at its {@code Full thread dump} line and ends at its
 * {@code JNI global refs} line; lines outside dumps are passed over. Its time is the
 * {@code yyyy-MM-dd HH:mm:ss} line just before (the dumped JVM's local time, read as
 * UTC), or else the time of the dump before it in the same input; its process id is
 * {@code jcmd}'s {@code 4242:} line before, where there is one. Inside a dump, a line
 * starting with {@code "} is a thread's header: a Java thread's ({@code "name" #12 ...},
 * {@code daemon} read from it) or one of the JVM's own threads (no {@code #id}, no Java
 * stack, passed over). A Java thread's indented lines give its state
 * ({@code java.lang.Thread.State: WAITING (parking)}), its frames ({@code at ...}, as
 * {@link FrameText} reads them) and, from the {@code - parking to wait for},
 * {@code - waiting on} or {@code - waiting to lock} line near the top, the class of the
 * object it waits on; other indented lines are passed over, as are the JVM's thread lists
 * ({@code Threads class SMR info:} up to a blank line). On JDK 25 a mounted virtual
 * thread's frames follow its carrier's after {@code Mounted virtual thread #N}: it is
 * read as a thread of its own, named {@value #VIRTUAL_THREAD_NAME}.
 *
 * <p>
 * Anything else throws a {@link DumpFormatException} naming the input and the line (and
 * the thread where one was being read): an unreadable thread header, frame or state, a
 * line that is not indented inside a dump, and a dump that ends before its
 * {@code JNI global refs} line (said as {@code truncated}, at the dump's first line). The
 * reader stops at its first error; the dumps before it were read. Errors of the
 * underlying {@link BufferedReader} pass as they are.
 *
 * @since 0.1.0
 */
public final class TextThreadDumpReader {

	/** The line that begins a dump. */
	public static final String DUMP_START = "Full thread dump";

	private static final String DUMP_END = "JNI global refs";

	/**
	 * The line that begins a mounted virtual thread's frames on JDK 25, within its
	 * carrier's.
	 */
	private static final String MOUNTED = "Mounted virtual thread #";

	/** Text dumps give a mounted virtual thread's id but not its name. */
	public static final String VIRTUAL_THREAD_NAME = "(virtual thread)";

	private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");

	private static final DateTimeFormatter DATE_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private static final Pattern PROCESS_ID = Pattern.compile("(\\d+):");

	private static final Pattern JAVA_THREAD = Pattern.compile("\"(.*)\" #(\\d{1,18})(.*)");

	private static final Pattern OTHER_THREAD = Pattern.compile("\"(.*)\" .*");

	private static final Pattern LOCKED_OBJECT = Pattern.compile("<[^>]*> \\(a ([^)]+)\\)");

	private static final String STATE = "java.lang.Thread.State: ";

	private final BufferedReader in;

	private final String source;

	private final FrameText frames;

	private long lineNumber;

	private long dumpLine;

	private boolean exhausted;

	private @Nullable Instant time;

	private @Nullable String processId;

	/**
	 * Creates a reader.
	 * @param in the text
	 * @param source the input's name, for errors
	 * @param frames the frame reader, whose cache may be shared with other inputs
	 */
	public TextThreadDumpReader(BufferedReader in, String source, FrameText frames) {
		this.in = in;
		this.source = source;
		this.frames = frames;
	}

	/**
	 * Reads the next dump.
	 * @return the dump, or {@code null} where the input holds no more (or stopped at an
	 * error)
	 * @throws DumpFormatException where the next dump cannot be read
	 * @throws IOException where the reader fails
	 */
	public @Nullable ThreadDump next() throws IOException {
		if (this.exhausted) {
			return null;
		}
		try {
			return findDump() ? readDump() : null;
		}
		catch (IOException ex) {
			this.exhausted = true;
			throw ex;
		}
	}

	/** Reads up to the next dump's first line; answers whether there is one. */
	private boolean findDump() throws IOException {
		String previous = null;
		String line;
		while ((line = readLine()) != null) {
			if (line.startsWith(DUMP_START)) {
				this.dumpLine = this.lineNumber;
				if (previous != null && DATE.matcher(previous).matches()) {
					this.time = LocalDateTime.parse(previous, DATE_FORMAT).toInstant(ZoneOffset.UTC);
				}
				return true;
			}
			if (!line.isBlank()) {
				previous = line.strip();
				Matcher pid = PROCESS_ID.matcher(previous);
				if (pid.matches()) {
					this.processId = pid.group(1);
				}
			}
		}
		this.exhausted = true;
		return false;
	}

	private ThreadDump readDump() throws IOException {
		List<DumpedThread> threads = new ArrayList<>();
		ThreadLines thread = null;
		boolean inThreadList = false;
		String line;
		while ((line = readLine()) != null) {
			if (line.startsWith(DUMP_END)) {
				add(threads, thread);
				return new ThreadDump(this.time, this.processId, threads);
			}
			if (inThreadList) {
				// The JVM's thread lists (the live one, one to delete while a thread
				// ends) run to a blank line.
				inThreadList = !line.isBlank();
			}
			else if (line.startsWith("Threads class SMR info:")) {
				inThreadList = true;
			}
			else if (line.startsWith("\"")) {
				add(threads, thread);
				thread = header(line);
			}
			else if (line.startsWith(DUMP_START)) {
				throw truncated(thread);
			}
			else if (thread != null && line.startsWith(MOUNTED, indent(line))) {
				// JDK 25 lists a mounted virtual thread's frames after its carrier's: a
				// thread of its own.
				add(threads, thread);
				thread = mounted(line, thread);
			}
			else if (!line.isBlank()) {
				readDetail(line, thread);
			}
		}
		throw truncated(thread);
	}

	private DumpFormatException truncated(@Nullable ThreadLines last) {
		return new DumpFormatException(this.source, "truncated: the dump ends before its '" + DUMP_END + "' line"
				+ ((last != null) ? ", after thread " + last.describe() : ""), this.dumpLine, -1, null);
	}

	/**
	 * A thread's first line: a Java thread's name and id, or {@code null} for one of the
	 * JVM's own threads.
	 */
	private @Nullable ThreadLines header(String line) throws DumpFormatException {
		Matcher java = JAVA_THREAD.matcher(line);
		if (java.matches()) {
			String rest = java.group(3);
			return new ThreadLines(Long.parseLong(java.group(2)), java.group(1), rest.contains(" daemon "), false);
		}
		if (OTHER_THREAD.matcher(line).matches()) {
			return null;
		}
		throw corrupt("unreadable thread header", line, null);
	}

	private static int indent(String line) {
		int i = 0;
		while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
			i++;
		}
		return i;
	}

	private ThreadLines mounted(String line, ThreadLines carrier) throws DumpFormatException {
		try {
			long id = Long.parseLong(line.substring(indent(line) + MOUNTED.length()).strip());
			if (id >= 0) {
				return new ThreadLines(id, VIRTUAL_THREAD_NAME, true, true);
			}
		}
		catch (NumberFormatException ex) {
			// Said below.
		}
		throw corrupt("unreadable virtual thread id", line, carrier);
	}

	private void readDetail(String line, @Nullable ThreadLines thread) throws DumpFormatException {
		boolean indented = Character.isWhitespace(line.charAt(0));
		if (thread == null) {
			// The JVM's own threads, and indented notes such as a compiler thread's task,
			// are passed over.
			if (!indented) {
				throw corrupt("unexpected line in a thread dump", line, null);
			}
			return;
		}
		String text = line.strip();
		if (text.startsWith(STATE)) {
			String state = text.substring(STATE.length());
			int space = state.indexOf(' ');
			try {
				thread.state = Thread.State.valueOf((space > 0) ? state.substring(0, space) : state);
			}
			catch (IllegalArgumentException ex) {
				throw corrupt("unknown thread state", line, thread);
			}
		}
		else if (text.startsWith("at ")) {
			StackFrame frame = this.frames.frame(text.substring(3));
			if (frame == null) {
				throw corrupt("unreadable stack frame", line, thread);
			}
			thread.frames.add(frame);
			thread.fingerprint = 31 * thread.fingerprint + text.hashCode();
		}
		else if (text.startsWith("- ")) {
			if (thread.lockName == null && thread.frames.size() <= 3 && (text.startsWith("- parking to wait for")
					|| text.startsWith("- waiting on") || text.startsWith("- waiting to lock"))) {
				Matcher object = LOCKED_OBJECT.matcher(text);
				thread.lockName = object.find() ? object.group(1) : null;
			}
		}
		else if (!indented) {
			throw corrupt("unexpected line in a thread dump", line, thread);
		}
	}

	private DumpFormatException corrupt(String problem, String line, @Nullable ThreadLines thread) {
		String shown = (line.length() > 80) ? line.substring(0, 80) + "..." : line;
		return new DumpFormatException(this.source, problem + ": " + shown.strip(), this.lineNumber, -1,
				(thread != null) ? thread.describe() : null);
	}

	private static void add(List<DumpedThread> threads, @Nullable ThreadLines thread) {
		if (thread != null) {
			threads.add(thread.toThread());
		}
	}

	private @Nullable String readLine() throws IOException {
		String line = this.in.readLine();
		if (line != null) {
			this.lineNumber++;
		}
		return line;
	}

	/** What a dump's lines say of one thread, collected until its next thread. */
	private static final class ThreadLines {

		final long id;

		final String name;

		final boolean daemon;

		final boolean virtual;

		Thread.State state = Thread.State.RUNNABLE;

		@Nullable String lockName;

		final List<StackFrame> frames = new ArrayList<>();

		long fingerprint = 1;

		ThreadLines(long id, String name, boolean daemon, boolean virtual) {
			this.id = id;
			this.name = name;
			this.daemon = daemon;
			this.virtual = virtual;
		}

		String describe() {
			return this.id + " \"" + this.name + "\"";
		}

		DumpedThread toThread() {
			return new DumpedThread(this.id, this.name, this.state, this.daemon, this.virtual, this.lockName,
					List.copyOf(this.frames), 31 * this.fingerprint + this.state.ordinal(), null);
		}

	}

}
