package io.github.threadleaks.core;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * Finds an external program a test needs on {@code PATH}. Where it is missing, the test
 * is skipped with what to install, except on CI (the environment variable {@code CI} is
 * set), where it fails: CI must never silently skip. Shared with the other modules' tests
 * through this module's test-jar.
 */
public final class SystemBinary {

	private SystemBinary() {
	}

	/**
	 * The program's path on {@code PATH}, or a skipped (locally) or failed (on CI) test.
	 * @param name the program's file name
	 * @param install the command that installs it ({@code apt-get install chromium})
	 * @return the executable
	 */
	public static Path require(String name, String install) {
		return require(name, install, System.getenv("PATH"), System.getenv("CI"));
	}

	static Path require(String name, String install, @Nullable String path, @Nullable String ci) {
		Optional<Path> executable = find(name, path);
		if (executable.isPresent()) {
			return executable.get();
		}
		String missing = "'" + name + "' is not on PATH; install it with: " + install;
		if (ci != null) {
			fail(missing + " (CI is set, so this test may not be skipped)");
		}
		Assumptions.abort(missing);
		throw new AssertionError("unreachable");
	}

	/**
	 * The first executable file of the given name in the directories of a {@code PATH}
	 * value.
	 */
	static Optional<Path> find(String name, @Nullable String path) {
		if (path == null) {
			return Optional.empty();
		}
		for (String directory : path.split(Pattern.quote(File.pathSeparator))) {
			if (directory.isEmpty()) {
				continue;
			}
			Path candidate = Path.of(directory, name);
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

}
