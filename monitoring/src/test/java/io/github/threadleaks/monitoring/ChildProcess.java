package io.github.threadleaks.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * A program a test starts in a directory of its own, logging to a file there: a failure
 * shows the end of its log, and closing it stops the program with its descendants and
 * removes the directory.
 */
abstract class ChildProcess implements AutoCloseable {

	/** The directory the program runs in. */
	protected final Path directory;

	/** The running program. */
	protected final Process process;

	private final String name;

	private final String logFile;

	ChildProcess(String name, Path directory, Process process, String logFile) {
		this.name = name;
		this.directory = directory;
		this.process = process;
		this.logFile = logFile;
	}

	/**
	 * Waits a moment between two polls of the program, spending it waiting for the
	 * program to end: one that dies fails the test at once, with its log.
	 */
	void betweenPolls() throws InterruptedException {
		if (this.process.waitFor(pollMillis(), TimeUnit.MILLISECONDS)) {
			fail("%s exited with %d; its log:%n%s", this.name, this.process.exitValue(), log());
		}
	}

	/** How long one wait between polls lasts. */
	abstract long pollMillis();

	/** The last lines the program logged, for failure messages. */
	String log() {
		try {
			String log = Files.readString(this.directory.resolve(this.logFile));
			return log.substring(Math.max(0, log.length() - 4000));
		}
		catch (IOException ex) {
			return "(no log: " + ex + ")";
		}
	}

	@Override
	public void close() {
		try {
			stop(this.process);
		}
		finally {
			deleteDirectory(this.directory);
		}
	}

	/** Stops a process and its descendants: politely first, then by force. */
	static void stop(Process process) {
		Stream.concat(process.descendants(), Stream.of(process.toHandle())).forEach(ProcessHandle::destroy);
		try {
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	/** Removes a directory and everything in it. */
	static void deleteDirectory(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not remove " + directory, ex);
		}
	}

}
