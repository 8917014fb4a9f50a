package io.github.threadleaks.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

import io.github.threadleaks.core.PrintableText;
import io.github.threadleaks.core.dump.DumpFormatException;

/**
 * An input that cannot be read as thread dumps: its message is the one line the user
 * sees, naming the file and, where it applies, the line, offset or thread.
 */
final class BadInputException extends Exception {

	private static final long serialVersionUID = 1L;

	BadInputException(Path file, String problem) {
		super(PrintableText.of(file + ": " + problem));
	}

	private BadInputException(String message) {
		super(message);
	}

	/** A dump reader's error, which names the file already; or the file's own. */
	static BadInputException of(Path file, IOException failure) {
		if (failure instanceof DumpFormatException format) {
			return new BadInputException(format.getMessage());
		}
		return new BadInputException(file, "cannot be read: " + failure.getMessage());
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
