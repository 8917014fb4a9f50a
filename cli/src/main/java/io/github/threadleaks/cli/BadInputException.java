package io.github.threadleaks.cli;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An input that cannot be read as thread dumps: its message is the one line the user
 * sees, naming the file and, where it applies, the line.
 */
final class BadInputException extends Exception {

	private static final long serialVersionUID = 1L;

	BadInputException(Path file, String problem) {
		super(file + ": " + problem);
	}

	BadInputException(Path file, long line, String problem) {
		super(file + ":" + line + ": " + problem);
	}

	@Override
	public String getMessage() {
		// Both constructors set one.
		return Objects.requireNonNull(super.getMessage());
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		// Never printed: the message says all the user needs.
		return this;
	}

}
