package io.github.threadleaks.sample;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * Finds an external program a test needs on {@code PATH}. Where it is missing, the test
 * is skipped with what to install, except on CI (the environment variable {@code CI} is
 * set), where it fails: CI must never silently skip.
 */
final class SystemBinary {

	private SystemBinary() {
	}

	/**
	 * The program's path on {@code PATH}.
	 * @param name the program's file name
	 * @param install the command that installs it
	 */
	static Path require(String name, String install) {
		return require(name, install, System.getenv("PATH"), System.getenv("CI"));
	}

	static Path require(String name, String install, @Nullable String path, @Nullable String ci) {
		if (path != null) {
			for (String directory : path.split(File.pathSeparator)) {
				Path candidate = Path.of(directory, name);
				if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
					return candidate;
				}
			}
		}
		String missing = "'" + name + "' is not on PATH; install it with: " + install;
		if (ci != null) {
			fail(missing + " (CI is set, so this test may not be skipped)");
		}
		Assumptions.abort(missing);
		throw new AssertionError("unreachable");
	}

}
