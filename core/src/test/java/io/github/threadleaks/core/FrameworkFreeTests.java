package io.github.threadleaks.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine must stay free of Spring and Micrometer, so that any integration can sit on
 * it.
 */
class FrameworkFreeTests {

	@Test
	void mainSourcesImportNoFramework() throws IOException {
		Path sources = Path.of("src/main/java");
		assertThat(sources).isDirectory();
		List<String> offenders;
		try (Stream<Path> files = Files.walk(sources)) {
			offenders = files.filter((file) -> file.toString().endsWith(".java"))
				.filter(FrameworkFreeTests::mentionsAFramework)
				.map(Path::toString)
				.toList();
		}
		assertThat(offenders).isEmpty();
	}

	@Test
	void theCheckRecognisesAFrameworkImport() {
		assertThat(mentionsAFramework("import org.springframework.context.ApplicationContext;")).isTrue();
		assertThat(mentionsAFramework("import static io.micrometer.core.instrument.Metrics.counter;")).isTrue();
		assertThat(mentionsAFramework("import java.util.List;")).isFalse();
	}

	private static boolean mentionsAFramework(Path file) {
		try {
			return mentionsAFramework(Files.readString(file));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean mentionsAFramework(String source) {
		return source.contains("org.springframework.") || source.contains("io.micrometer.");
	}

}
