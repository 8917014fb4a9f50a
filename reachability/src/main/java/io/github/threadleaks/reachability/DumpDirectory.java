package io.github.threadleaks.reachability;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * A temporary directory for one heap dump, readable by this JVM's user only: a heap dump
 * holds every object of the application, secrets included.
 */
final class DumpDirectory {

	private DumpDirectory() {
	}

	static Path create() throws IOException {
		if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			return Files.createTempDirectory("threadleaks-reachability-",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		}
		// Elsewhere the JDK gives a new temporary directory its owner's access only.
		return Files.createTempDirectory("threadleaks-reachability-");
	}

	/** Deletes the directory and whatever the analysis left in it. */
	static void delete(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				Files.deleteIfExists(file);
			}
		}
		Files.deleteIfExists(directory);
	}

}
