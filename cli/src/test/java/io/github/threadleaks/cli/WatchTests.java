package io.github.threadleaks.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code watch PID} against a forked JVM that leaks, run as a process of its own like a
 * user runs it (attaching starts JMX client threads that belong in the command's process,
 * not the test's).
 */
class WatchTests {

	@Test
	void watchingAJvmThatLeaksFindsTheLeakAndStops() throws Exception {
		try (ForkedJvm target = ForkedJvm.start()) {
			Process watch = new ProcessBuilder(ForkedJvm.JAVA_HOME.resolve("bin/java").toString(), "-cp",
					System.getProperty("java.class.path"), ThreadLeaksCli.class.getName(), "watch",
					Long.toString(target.pid()), "--interval", "200ms", "--duration", "120s", "--stop-on-leak",
					"--window", "8", "--min-growth", "5", "--min-rise-share", "0.5")
				.redirectErrorStream(true)
				.start();
			StringBuilder output = new StringBuilder();
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8))) {
				String line = lines.readLine();
				// The leak starts once the first sample is on screen: the watch sees it
				// grow.
				while (line != null && !line.contains(" sample 1 ")) {
					output.append(line).append('\n');
					line = lines.readLine();
				}
				assertThat(line).as(output.toString()).isNotNull();
				target.send("drip 60 100");
				while ((line = lines.readLine()) != null) {
					output.append(line).append('\n');
				}
			}
			assertThat(watch.waitFor(120, TimeUnit.SECONDS)).isTrue();
			assertThat(watch.exitValue()).as(output.toString()).isEqualTo(1);
			assertThat(output.toString()).containsPattern("SUSPECTED +\\d+ +\\+\\d+ +WAITING +replica-#")
				.contains("blocked at: java.util.concurrent.SynchronousQueue.put(")
				.contains("from io.github.threadleaks.cli.LeakingService.sendToNobody(");
		}
	}

	@Test
	void aTargetThatEndsWhileWatchedIsSaidInOneLine() throws Exception {
		Process watch;
		StringBuilder output = new StringBuilder();
		ForkedJvm target = ForkedJvm.start();
		try {
			watch = new ProcessBuilder(ForkedJvm.JAVA_HOME.resolve("bin/java").toString(), "-cp",
					System.getProperty("java.class.path"), ThreadLeaksCli.class.getName(), "watch",
					Long.toString(target.pid()), "--interval", "200ms", "--duration", "120s")
				.redirectErrorStream(true)
				.start();
			BufferedReader lines = new BufferedReader(
					new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8));
			String line = lines.readLine();
			while (line != null && !line.contains(" sample 1 ")) {
				line = lines.readLine();
			}
			assertThat(line).isNotNull();
			target.close();
			while ((line = lines.readLine()) != null) {
				output.append(line).append('\n');
			}
		}
		finally {
			target.close();
		}
		assertThat(watch.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(watch.exitValue()).as(output.toString()).isEqualTo(2);
		assertThat(output.toString())
			.containsPattern("threadleaks: process \\d+ cannot be sampled any more \\(has it ended\\?\\): ");
	}

	@Test
	void aWatchStoppedByASignalEndsWithItsReportAndExitCode() throws Exception {
		try (ForkedJvm target = ForkedJvm.start()) {
			Process watch = new ProcessBuilder(ForkedJvm.JAVA_HOME.resolve("bin/java").toString(), "-cp",
					System.getProperty("java.class.path"), ThreadLeaksCli.class.getName(), "watch",
					Long.toString(target.pid()), "--interval", "200ms")
				.redirectErrorStream(true)
				.start();
			StringBuilder output = new StringBuilder();
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8))) {
				String line = lines.readLine();
				while (line != null && !line.contains(" sample 2 ")) {
					line = lines.readLine();
				}
				assertThat(line).isNotNull();
				// SIGTERM, as a kill or a terminal's Ctrl+C (SIGINT) would end it;
				// through the handle, which keeps
				// the output stream open (Process.destroy closes it).
				assertThat(watch.toHandle().destroy()).isTrue();
				while ((line = lines.readLine()) != null) {
					output.append(line).append('\n');
				}
			}
			assertThat(watch.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(watch.exitValue()).as(output.toString()).isZero();
			assertThat(output.toString()).containsPattern(
					"OK: 0 of \\d+ stack groups suspected of leaking \\(0 threads\\); \\d+ samples of process "
							+ target.pid());
		}
	}

	@Test
	void aProcessThatCannotBeAttachedToIsSaidInOneLine() {
		long notAJvm = ProcessHandle.current().pid() + 4_000_000;
		CliRun run = CliRun.of("watch", Long.toString(notAJvm), "--duration", "1s");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).startsWith("threadleaks: cannot attach to process " + notAJvm + ": ");
		assertThat(run.err().lines().toList()).hasSize(1);
		assertThat(List.of(run.out())).containsExactly("");
	}

}
