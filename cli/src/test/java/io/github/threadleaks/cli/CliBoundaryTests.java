package io.github.threadleaks.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line sits on core, the reachability module (for heap dumps) and picocli
 * alone: no Spring, no Micrometer, no other library, and the HPROF reader only through
 * the reachability module.
 */
class CliBoundaryTests {

	private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)", Pattern.MULTILINE);

	private static final List<String> ALLOWED = List.of("java.", "javax.", "jdk.jfr.", "com.sun.tools.attach.",
			"com.sun.management.", "io.github.threadleaks.core.", "io.github.threadleaks.reachability.", "picocli.",
			"org.jspecify.annotations.");

	@Test
	void mainSourcesImportOnlyTheJdkCoreReachabilityAndPicocli() throws IOException {
		List<String> offenders;
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			offenders = files.filter((file) -> file.toString().endsWith(".java"))
				.flatMap((file) -> imports(file).stream()
					.filter((name) -> !allowed(name))
					.map((name) -> file + ": " + name))
				.toList();
		}
		assertThat(offenders).isEmpty();
	}

	@Test
	void theCheckRecognisesAnotherLibrary() {
		assertThat(allowed("org.springframework.context.ApplicationContext")).isFalse();
		assertThat(allowed("com.fasterxml.jackson.databind.ObjectMapper")).isFalse();
		assertThat(allowed("shark.HprofHeapGraph")).isFalse();
		assertThat(allowed("io.github.threadleaks.core.ThreadSource")).isTrue();
	}

	private static boolean allowed(String name) {
		return ALLOWED.stream().anyMatch(name::startsWith);
	}

	private static List<String> imports(Path file) {
		try {
			Matcher matcher = IMPORT.matcher(Files.readString(file));
			return matcher.results().map((result) -> result.group(1)).toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
