package io.github.threadleaks.core.dump;

import java.io.IOException;

import io.github.threadleaks.core.PrintableText;
import org.jspecify.annotations.Nullable;

/**
 * A thread dump that its reader cannot read: not a dump, cut short, or malformed. The one
 * exception the dump readers throw for bad input; it says where the problem lies (the
 * input's name, and where they apply the line, the character offset and the thread). An
 * {@link IOException}, so that a caller that reads a file handles both in one place; its
 * message is one line, with every control character escaped.
 *
 * @since 0.1.0
 */
public class DumpFormatException extends IOException {

	private static final long serialVersionUID = 1L;

	private final String source;

	private final String problem;

	private final long line;

	private final long offset;

	private final @Nullable String thread;

	/**
	 * Creates an exception.
	 * @param source the name of the input (a file name)
	 * @param problem what is wrong, in words
	 * @param line the 1-based line where it lies, or {@code -1}
	 * @param offset the 0-based character offset where it lies, or {@code -1}
	 * @param thread the thread being read when it was found (its id and name), or
	 * {@code null}
	 */
	public DumpFormatException(String source, String problem, long line, long offset, @Nullable String thread) {
		super(message(source, problem, line, offset, thread));
		this.source = source;
		this.problem = problem;
		this.line = line;
		this.offset = offset;
		this.thread = thread;
	}

	private static String message(String source, String problem, long line, long offset, @Nullable String thread) {
		StringBuilder message = new StringBuilder(source);
		if (line > 0) {
			message.append(':').append(line);
		}
		message.append(": ").append(problem);
		if (offset >= 0) {
			message.append(" at offset ").append(offset);
		}
		if (thread != null) {
			message.append((offset >= 0) ? ", in thread " : " in thread ").append(thread);
		}
		return PrintableText.of(message.toString());
	}

	/** The name of the input. */
	public String source() {
		return this.source;
	}

	/** What is wrong, in words, without where. */
	public String problem() {
		return this.problem;
	}

	/**
	 * The 1-based line where the problem lies, or {@code -1} where lines do not apply.
	 */
	public long line() {
		return this.line;
	}

	/**
	 * The 0-based character offset where the problem lies, or {@code -1} where it does
	 * not apply.
	 */
	public long offset() {
		return this.offset;
	}

	/** The thread being read when the problem was found, or {@code null}. */
	public @Nullable String thread() {
		return this.thread;
	}

	/** The same problem, found while reading the given thread. */
	DumpFormatException inThread(String thread) {
		return new DumpFormatException(this.source, this.problem, this.line, this.offset, thread);
	}

	@Override
	public String getMessage() {
		String message = super.getMessage();
		return (message != null) ? message : this.problem;
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		// Bad input, not a bug: the message says all, and fuzzed input throws many.
		return this;
	}

}
