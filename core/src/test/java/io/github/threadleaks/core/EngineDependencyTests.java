package io.github.threadleaks.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's package depends on neither feature package (creation sites, virtual
 * threads): they depend on it, so there is no package cycle and either feature can be
 * left out.
 */
class EngineDependencyTests {

	private static final Path ENGINE = Path.of("src/main/java/io/github/threadleaks/core");

	@Test
	void theEngineImportsNoFeaturePackage() throws IOException {
		assertThat(ENGINE).isDirectory();
		List<String> offenders;
		try (Stream<Path> files = Files.list(ENGINE)) {
			offenders = files.filter((file) -> file.toString().endsWith(".java"))
				.filter((file) -> namesAFeaturePackage(read(file)))
				.map(Path::toString)
				.toList();
		}
		assertThat(offenders).isEmpty();
	}

	@Test
	void theCheckRecognisesAFeaturePackage() {
		assertThat(namesAFeaturePackage("import io.github.threadleaks.core.virtual.VirtualThreadMonitor;")).isTrue();
		assertThat(namesAFeaturePackage("import io.github.threadleaks.core.creation.CreationSiteTracker;")).isTrue();
		assertThat(namesAFeaturePackage("import io.github.threadleaks.core.ThreadSource;")).isFalse();
	}

	private static boolean namesAFeaturePackage(String source) {
		return source.contains("import io.github.threadleaks.core.virtual.")
				|| source.contains("import io.github.threadleaks.core.creation.");
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
