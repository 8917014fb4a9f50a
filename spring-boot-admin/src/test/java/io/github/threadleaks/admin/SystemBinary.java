package io.github.threadleaks.admin;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

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

	static Path require(String name, String install) {
		String path = System.getenv("PATH");
		if (path != null) {
			for (String directory : path.split(File.pathSeparator)) {
				Path candidate = Path.of(directory, name);
				if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
					return candidate;
				}
			}
		}
		String missing = "'" + name + "' is not on PATH; install it with: " + install;
		if (System.getenv("CI") != null) {
			fail(missing + " (CI is set, so this test may not be skipped)");
		}
		Assumptions.abort(missing);
		throw new AssertionError("unreachable");
	}

}
