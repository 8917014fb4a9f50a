package io.github.threadleaks.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
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
 * The dumps of a jstack or {@code jcmd Thread.print} text file, or of a log holding
 * several {@code kill -3} dumps between other lines. A dump begins at its
 * {@code Full thread dump} line (its time is the line before, where that is a date) and
 * ends at its {@code JNI global refs} line; a dump that ends before is truncated. Only
 * Java threads (those with a {@code #id}) are read: the JVM's own threads have no Java
 * stack. A virtual thread shows only while mounted, on its carrier: on JDK 25 its frames
 * follow the carrier's, and it is read as a thread of its own (unnamed: the dump gives
 * only its id).
 */
final class TextDumpInput implements DumpInput {

	static final String DUMP_START = "Full thread dump";

	private static final String DUMP_END = "JNI global refs";

	/**
	 * The line that begins a mounted virtual thread's frames on JDK 25, within its
	 * carrier's.
	 */
	private static final String MOUNTED = "Mounted virtual thread #";

	/** Text dumps give a mounted virtual thread's id but not its name. */
	static final String VIRTUAL_THREAD_NAME = "(virtual thread)";

	private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");

	private static final DateTimeFormatter DATE_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private static final Pattern JAVA_THREAD = Pattern.compile("\"(.*)\" #(\\d+)(.*)");

	private static final Pattern OTHER_THREAD = Pattern.compile("\"(.*)\" .*");

	private static final Pattern LOCKED_OBJECT = Pattern.compile("<[^>]*> \\(a ([^)]+)\\)");

	private final Path file;

	private final BufferedReader in;

	private final FrameText frames;

	private long lineNumber;

	private @Nullable String previousLine;

	private boolean atDump;

	private boolean exhausted;

	private long dumpLine;

	private Instant time = Instant.EPOCH;

	private int dumps;

	TextDumpInput(Path file, BufferedReader in, FrameText frames) {
		this.file = file;
		this.in = in;
		this.frames = frames;
	}

	@Override
	public Path file() {
		return this.file;
	}

	@Override
	public @Nullable Instant nextTime() throws BadInputException {
		if (this.atDump) {
			return this.time;
		}
		if (this.exhausted) {
			return null;
		}
		String line;
		while ((line = readLine()) != null) {
			if (line.startsWith(DUMP_START)) {
				this.atDump = true;
				this.dumpLine = this.lineNumber;
				// A dump without a date line of its own keeps the time of the one before
				// it.
				String before = this.previousLine;
				if (before != null && DATE.matcher(before.strip()).matches()) {
					this.time = LocalDateTime.parse(before.strip(), DATE_FORMAT).toInstant(ZoneOffset.UTC);
				}
				return this.time;
			}
			if (!line.isBlank()) {
				this.previousLine = line;
			}
		}
		this.exhausted = true;
		if (this.dumps == 0) {
			throw new BadInputException(this.file, "unknown format: no thread dump in it (no '" + DUMP_START
					+ "' line), and it is neither a JSON thread dump nor a JFR recording");
		}
		return null;
	}

	@Override
	public Dump next() throws BadInputException {
		List<DumpedThread> threads = new ArrayList<>();
		ThreadLines thread = null;
		boolean inThreadList = false;
		String line;
		while ((line = readLine()) != null) {
			if (line.startsWith(DUMP_END)) {
				add(threads, thread);
				ended();
				return new Dump(this.time, threads);
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
				throw truncated();
			}
			else if (thread != null && line.startsWith(MOUNTED, indent(line))) {
				// JDK 25 lists a mounted virtual thread's frames after its carrier's: a
				// thread of its own.
				add(threads, thread);
				thread = mounted(line);
			}
			else if (!line.isBlank()) {
				readDetail(line, thread);
			}
		}
		throw truncated();
	}

	@Override
	public void skip() throws BadInputException {
		String line;
		while ((line = readLine()) != null) {
			if (line.startsWith(DUMP_END)) {
				ended();
				return;
			}
			if (line.startsWith(DUMP_START)) {
				throw truncated();
			}
		}
		throw truncated();
	}

	private void ended() {
		this.atDump = false;
		this.previousLine = null;
		this.dumps++;
	}

	private BadInputException truncated() {
		this.exhausted = true;
		return new BadInputException(this.file, this.dumpLine,
				"truncated thread dump: it ends before its '" + DUMP_END + "' line");
	}

	/**
	 * A thread's first line: a Java thread's name and id, or {@code null} for one of the
	 * JVM's own threads.
	 */
	private @Nullable ThreadLines header(String line) throws BadInputException {
		Matcher java = JAVA_THREAD.matcher(line);
		if (java.matches()) {
			String rest = java.group(3);
			return new ThreadLines(Long.parseLong(java.group(2)), java.group(1), rest.contains(" daemon "));
		}
		if (OTHER_THREAD.matcher(line).matches()) {
			return null;
		}
		throw corrupt("unreadable thread header", line);
	}

	private static int indent(String line) {
		int i = 0;
		while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
			i++;
		}
		return i;
	}

	private ThreadLines mounted(String line) throws BadInputException {
		try {
			return new ThreadLines(Long.parseLong(line.substring(indent(line) + MOUNTED.length()).strip()),
					VIRTUAL_THREAD_NAME, true);
		}
		catch (NumberFormatException ex) {
			throw corrupt("unreadable virtual thread id", line);
		}
	}

	private void readDetail(String line, @Nullable ThreadLines thread) throws BadInputException {
		boolean indented = Character.isWhitespace(line.charAt(0));
		if (thread == null) {
			// The JVM's own threads, and indented notes such as a compiler thread's task,
			// are passed over.
			if (!indented) {
				throw corrupt("unexpected line in a thread dump", line);
			}
			return;
		}
		String text = line.strip();
		if (text.startsWith("java.lang.Thread.State: ")) {
			String state = text.substring("java.lang.Thread.State: ".length());
			int space = state.indexOf(' ');
			try {
				thread.state = Thread.State.valueOf((space > 0) ? state.substring(0, space) : state);
			}
			catch (IllegalArgumentException ex) {
				throw corrupt("unknown thread state", line);
			}
		}
		else if (text.startsWith("at ")) {
			StackFrame frame = this.frames.parse(text.substring(3));
			if (frame == null) {
				throw corrupt("unreadable stack frame", line);
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
			throw corrupt("unexpected line in a thread dump", line);
		}
	}

	private BadInputException corrupt(String problem, String line) {
		this.exhausted = true;
		String shown = (line.length() > 80) ? line.substring(0, 80) + "..." : line;
		return new BadInputException(this.file, this.lineNumber, problem + ": " + shown.strip());
	}

	private static void add(List<DumpedThread> threads, @Nullable ThreadLines thread) {
		if (thread != null) {
			threads.add(thread.toThread());
		}
	}

	private @Nullable String readLine() throws BadInputException {
		try {
			String line = this.in.readLine();
			if (line != null) {
				this.lineNumber++;
			}
			return line;
		}
		catch (IOException ex) {
			this.exhausted = true;
			throw new BadInputException(this.file, this.lineNumber, "cannot be read: " + ex.getMessage());
		}
	}

	@Override
	public void close() {
		try {
			this.in.close();
		}
		catch (IOException ex) {
			// Read only: nothing is lost.
		}
	}

	/** What a dump's lines say of one thread, collected until its next thread. */
	private static final class ThreadLines {

		final long id;

		final String name;

		final boolean daemon;

		Thread.State state = Thread.State.RUNNABLE;

		@Nullable String lockName;

		final List<StackFrame> frames = new ArrayList<>();

		long fingerprint = 1;

		ThreadLines(long id, String name, boolean daemon) {
			this.id = id;
			this.name = name;
			this.daemon = daemon;
		}

		DumpedThread toThread() {
			return new DumpedThread(this.id, this.name, this.state, this.daemon, this.lockName,
					List.copyOf(this.frames), 31 * this.fingerprint + this.state.ordinal());
		}

	}

}
