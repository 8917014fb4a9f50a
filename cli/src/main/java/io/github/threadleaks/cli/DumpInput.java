package io.github.threadleaks.cli;

import java.nio.file.Path;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The thread dumps of one input file, read one at a time in the file's order: a file is
 * never held in memory whole.
 */
interface DumpInput extends AutoCloseable {

	/** The file read. */
	Path file();

	/**
	 * When the next dump was taken, or {@code null} when the file holds no more; does not
	 * consume it.
	 */
	@Nullable Instant nextTime() throws BadInputException;

	/** Reads the next dump; only after {@link #nextTime()} answered a time. */
	Dump next() throws BadInputException;

	/**
	 * Passes over the next dump without reading its threads, checking only that it is
	 * whole.
	 */
	void skip() throws BadInputException;

	@Override
	void close();

}
