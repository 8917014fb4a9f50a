package io.github.threadleaks.cli;

import java.nio.file.Path;

import io.github.threadleaks.core.dump.ThreadDump;
import org.jspecify.annotations.Nullable;

/**
 * The thread dumps of one input file, read one at a time in the file's order: a file is
 * never held in memory whole.
 */
interface DumpInput extends AutoCloseable {

	/** The file read. */
	Path file();

	/**
	 * Reads the next dump.
	 * @return the dump, with its time, or {@code null} when the file holds no more
	 * @throws BadInputException where the next dump cannot be read; the input then holds
	 * no more
	 */
	@Nullable ThreadDump next() throws BadInputException;

	@Override
	void close();

}
