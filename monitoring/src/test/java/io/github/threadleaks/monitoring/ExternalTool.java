package io.github.threadleaks.monitoring;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * A program the tests run, found on {@code PATH}. The policy for external programs: a
 * test that needs a missing one is skipped with a message that says what to install,
 * except on CI (the {@code CI} environment variable is set), where a skipped test would
 * hide that nothing was tested, so it fails.
 */
final class ExternalTool {

	private ExternalTool() {
	}

	/**
	 * The executable of the given name on {@code PATH}, or a skipped (locally) or failed
	 * (on CI) test.
	 * @param name the program's name
	 * @param debianPackage the Debian package that installs it
	 * @return the executable
	 */
	static Path require(String name, String debianPackage) {
		Optional<Path> executable = find(name, System.getenv("PATH"));
		if (executable.isEmpty()) {
			String message = "'" + name + "' is not on PATH: install it (Debian and Ubuntu: apt-get install "
					+ debianPackage + ")";
			if (System.getenv("CI") != null) {
				fail(message + "; the CI environment variable is set, so this test may not be skipped");
			}
			Assumptions.abort(message + "; skipping");
		}
		return executable.get();
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
