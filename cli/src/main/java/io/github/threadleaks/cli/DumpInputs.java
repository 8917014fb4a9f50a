package io.github.threadleaks.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.threadleaks.core.dump.FrameText;

/**
 * Opens an input file as the kind of dump its content shows: JFR recording, JSON thread
 * dump or jstack text.
 */
final class DumpInputs {

	private static final byte[] JFR_MAGIC = { 'F', 'L', 'R', 0 };

	private DumpInputs() {
	}

	static DumpInput open(Path file, FrameText frames, RecordedCreationSites sites) throws BadInputException {
		if (!Files.exists(file)) {
			throw new BadInputException(file, "no such file");
		}
		if (Files.isDirectory(file)) {
			throw new BadInputException(file, "is a directory, not a file");
		}
		byte[] head = head(file);
		if (head.length == 0) {
			throw new BadInputException(file, "empty file");
		}
		if (startsWith(head, JFR_MAGIC)) {
			return new JfrDumpInput(file, frames, sites);
		}
		try {
			// Malformed bytes read as replacement characters: a binary file is then an
			// unknown format, not an I/O error.
			BufferedReader reader = new BufferedReader(
					new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
			if (firstSignificant(head) == '{') {
				return new JsonDumpInput(file, reader);
			}
			return new TextDumpInput(file, reader, frames);
		}
		catch (IOException ex) {
			throw new BadInputException(file, "cannot be read: " + ex.getMessage());
		}
	}

	private static byte[] head(Path file) throws BadInputException {
		try (InputStream in = Files.newInputStream(file)) {
			return in.readNBytes(64);
		}
		catch (IOException ex) {
			throw new BadInputException(file, "cannot be read: " + ex.getMessage());
		}
	}

	private static boolean startsWith(byte[] bytes, byte[] prefix) {
		if (bytes.length < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (bytes[i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	private static int firstSignificant(byte[] bytes) {
		for (byte b : bytes) {
			if (!Character.isWhitespace(b) && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
				return b;
			}
		}
		return -1;
	}

}
