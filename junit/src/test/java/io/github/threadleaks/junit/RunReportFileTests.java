package io.github.threadleaks.junit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run's summary as a JSON file for CI, and the messages in the words of how the user
 * turned the check on.
 */
class RunReportFileTests extends AbstractExtensionTests {

	@Test
	void theSummaryIsWrittenAsJsonWhereAsked(@TempDir Path directory) throws IOException {
		Path file = directory.resolve("reports/threadleaks.json");
		run(ConfigurationTests.Plain.class, PlatformProperties.REPORT_FILE + "=" + file);
		String json = Files.readString(file, StandardCharsets.UTF_8);
		assertThat(json)
			.startsWith("{\"checks\":1,\"failedChecks\":1,\"leakedThreads\":1,\"groups\":[{\"name\":\"leaky-#\"")
			.contains("\"state\":\"WAITING\"")
			.contains("\"checks\":[\"" + ConfigurationTests.Plain.class.getName() + "#leavesOneThreadBehind()\"]")
			.contains("\"createdBy\":[\"io.github.threadleaks.junit.LeakyThreadExample.leavesOneThreadBehind(line ")
			.endsWith(
					"\"notAttributed\":{\"threads\":0,\"names\":[]},\"notChecked\":{\"checks\":0,\"first\":\"null\"}}");
	}

	@Test
	void noFileIsWrittenUnlessAsked(@TempDir Path directory) throws IOException {
		run(ConfigurationTests.Plain.class);
		try (var files = Files.list(directory)) {
			assertThat(files).isEmpty();
		}
	}

	@Test
	void jsonStringsEscapeQuotesAndControlCharacters() {
		String json = new RunReportJson().beginObject().field("name", "a\"b\\c\nd\u001be").endObject().toString();
		assertThat(json).isEqualTo("{\"name\":\"a\\\"b\\\\c\\nd\\u001be\"}");
	}

	@Test
	void anAutoDetectedCheckNamesTheParameterAndAutoDetection() {
		String message = testFailure(
				run(AutoDetectionTests.Unannotated.class, PlatformProperties.AUTO_DETECTION + "=true"))
			.getMessage();
		assertThat(message)
			.contains("ignore them with threadleaks.junit.ignore.thread-names (the check runs by "
					+ "junit.jupiter.extensions.autodetection.enabled=true")
			.doesNotContain("ignore them with @VerifyNoThreadLeaks");
	}

	@Test
	void anAnnotatedCheckNamesTheAnnotation() {
		assertThat(testFailure(run(ConfigurationTests.Plain.class)))
			.hasMessageContaining("ignore them with @VerifyNoThreadLeaks(ignoreThreadNames = ...) or "
					+ "threadleaks.junit.ignore.thread-names.");
	}

}
