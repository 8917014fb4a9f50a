package io.github.threadleaks.core.creation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JVM started with {@code -XX:StartFlightRecording}, as users run one: creation sites
 * are tracked beside the user's recording, and stopping the tracker leaves that recording
 * running with all its settings.
 */
class UserRecordingCoexistenceTests {

	@Test
	void theUsersStartupRecordingRunsOnAfterTheTrackerStops() throws IOException, InterruptedException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Process process = new ProcessBuilder(java.toString(), "-XX:StartFlightRecording=name=users-own", "-cp",
				System.getProperty("java.class.path"), UserRecordingProbe.class.getName())
			.redirectErrorStream(true)
			.start();
		try {
			assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the probe JVM to end").isTrue();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.exitValue()).as(output).isZero();
			List<String> lines = output.lines().toList();
			assertThat(lines).as(output)
				.anyMatch((line) -> line
					.startsWith("site: " + UserRecordingProbe.class.getName() + ".startFromHere(line "))
				.filteredOn((line) -> line.startsWith("recording: "))
				.containsExactly("recording: users-own RUNNING, settings unchanged: true");
		}
		finally {
			process.destroyForcibly();
			process.waitFor(30, TimeUnit.SECONDS);
		}
	}

}
