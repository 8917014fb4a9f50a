package io.github.threadleaks.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.threadleaks.core.dump.DumpedThread;
import io.github.threadleaks.core.dump.JsonThreadDumpReader;
import io.github.threadleaks.core.dump.ThreadDump;
import org.jspecify.annotations.Nullable;

/**
 * The one dump of a JDK JSON thread dump ({@code jcmd Thread.dump_to_file -format=json},
 * JDK 21+), as core's JSON reader reads it: platform and virtual threads of every
 * container. Unnamed virtual threads take their container's name.
 */
final class JsonDumpInput implements DumpInput {

	private final Path file;

	private @Nullable BufferedReader in;

	JsonDumpInput(Path file, BufferedReader in) {
		this.file = file;
		this.in = in;
	}

	@Override
	public Path file() {
		return this.file;
	}

	@Override
	public @Nullable ThreadDump next() throws BadInputException {
		BufferedReader reader = this.in;
		if (reader == null) {
			return null;
		}
		ThreadDump dump;
		try (reader) {
			dump = new JsonThreadDumpReader(this.file.toString()).read(reader);
		}
		catch (IOException ex) {
			throw BadInputException.of(this.file, ex);
		}
		finally {
			this.in = null;
		}
		if (dump.takenAt() == null) {
			throw new BadInputException(this.file, "JSON thread dump without its \"time\"");
		}
		List<DumpedThread> threads = new ArrayList<>(dump.threads().size());
		for (DumpedThread thread : dump.threads()) {
			threads.add((thread.name().isEmpty() && thread.virtual()) ? named(thread) : thread);
		}
		return new ThreadDump(dump.takenAt(), dump.processId(), threads);
	}

	private static DumpedThread named(DumpedThread thread) {
		String container = thread.container();
		return new DumpedThread(thread.id(), (container != null) ? container : "<unknown>", thread.state(),
				thread.daemon(), thread.virtual(), thread.lockName(), thread.frames(), thread.fingerprint(), container);
	}

	@Override
	public void close() {
		BufferedReader reader = this.in;
		this.in = null;
		if (reader != null) {
			try {
				reader.close();
			}
			catch (IOException ex) {
				// Read only: nothing is lost.
			}
		}
	}

}
