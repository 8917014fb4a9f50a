package io.github.threadleaks.reachability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analysis sits on core alone (it reads HPROF files itself), so that the starter, a
 * test or a CLI can all use it, and publishes few types.
 */
class DependencyRulesTests {

	@Test
	void mainSourcesImportNoFramework() throws IOException {
		List<String> offenders;
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			offenders = files.filter((file) -> file.toString().endsWith(".java"))
				// Imports only: the child JVM names Boot's launcher class as text.
				.filter((file) -> read(file).contains("import org.springframework.")
						|| read(file).contains("import io.micrometer.") || read(file).contains("import org.junit."))
				.map(Path::toString)
				.toList();
		}
		assertThat(offenders).isEmpty();
	}

	@Test
	void publicApiIsTheAnalyzerAndItsVerdict() throws IOException {
		List<String> publicTypes;
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			publicTypes = files
				.filter((file) -> read(file).lines()
					.anyMatch((line) -> line.matches("public (final |abstract )?(class|record|enum|interface) .*")))
				.map((file) -> file.getFileName().toString().replace(".java", ""))
				.toList();
		}
		// A change to this list is a decision about the published API.
		assertThat(publicTypes).containsExactlyInAnyOrder("AnalysisInProgressException", "AnalysisLimitException",
				"HeapDumpReachability", "PathStep", "ReachabilityAnalyzer", "ReachabilityChild", "ReachabilityVerdict",
				"Verdict");
	}

	@Test
	void theRuleSeesTheSources() throws IOException {
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			assertThat(files.filter((file) -> read(file).contains("import io.github.threadleaks.core."))).isNotEmpty();
		}
	}

	private static String read(Path file) {
		try {
			return Files.isRegularFile(file) ? Files.readString(file) : "";
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
