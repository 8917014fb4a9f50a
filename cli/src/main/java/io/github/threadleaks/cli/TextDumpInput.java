package io.github.threadleaks.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;

import io.github.threadleaks.core.dump.FrameText;
import io.github.threadleaks.core.dump.TextThreadDumpReader;
import io.github.threadleaks.core.dump.ThreadDump;
import org.jspecify.annotations.Nullable;

/**
 * The dumps of a jstack or {@code jcmd Thread.print} text file, or of a log holding
 * several {@code kill -3} dumps between other lines, as core's text reader reads them.
 */
final class TextDumpInput implements DumpInput {

	private final Path file;

	private final BufferedReader in;

	private final TextThreadDumpReader reader;

	private int dumps;

	TextDumpInput(Path file, BufferedReader in, FrameText frames) {
		this.file = file;
		this.in = in;
		this.reader = new TextThreadDumpReader(in, file.toString(), frames);
	}

	@Override
	public Path file() {
		return this.file;
	}

	@Override
	public @Nullable ThreadDump next() throws BadInputException {
		ThreadDump dump;
		try {
			dump = this.reader.next();
		}
		catch (IOException ex) {
			throw BadInputException.of(this.file, ex);
		}
		if (dump == null) {
			if (this.dumps == 0) {
				throw new BadInputException(this.file,
						"unknown format: no thread dump in it (no '" + TextThreadDumpReader.DUMP_START
								+ "' line), and it is neither a JSON thread dump nor a JFR recording");
			}
			return null;
		}
		this.dumps++;
		if (dump.takenAt() == null) {
			throw new BadInputException(this.file, "thread dump without its time (no date line before its first '"
					+ TextThreadDumpReader.DUMP_START + "' line)");
		}
		return dump;
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

}
