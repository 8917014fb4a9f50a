package io.github.threadleaks.monitoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * The sample app in a JVM of its own, as one instance of a fleet: its threads, and so its
 * stack groups and their ids, are its own. It listens on a free loopback port it picks
 * itself; closing it stops the JVM and removes its directory.
 */
final class SampleAppProcess extends ChildProcess {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

	private SampleAppProcess(Path directory, Process process) {
		super("The sample app", directory, process, "app.log");
	}

	/**
	 * Starts the sample app with the test's own class path, without waiting for it:
	 * {@link #awaitAuthority()} does.
	 * @param properties the app's properties, as {@code name=value}
	 * @return the starting app
	 */
	static SampleAppProcess start(List<String> properties) throws IOException {
		Path directory = Files.createTempDirectory("threadleaks-sample-app-");
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// A small heap and the quick compiler: three of these start at once on a small CI
		// machine.
		command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
				System.getProperty("java.class.path"), SampleAppWithPortFile.class.getName(),
				directory.resolve("port").toString(), "--server.port=0", "--server.address=127.0.0.1",
				"--spring.main.banner-mode=off"));
		properties.forEach((property) -> command.add("--" + property));
		try {
			Process process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(directory.resolve("app.log").toFile())
				.start();
			return new SampleAppProcess(directory, process);
		}
		catch (IOException | RuntimeException ex) {
			deleteDirectory(directory);
			throw ex;
		}
	}

	/**
	 * Waits until the app listens, and returns its {@code 127.0.0.1:port}: what
	 * Prometheus labels {@code instance}.
	 */
	String awaitAuthority() throws IOException, InterruptedException {
		Path portFile = this.directory.resolve("port");
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		// The writer creates the file, then writes it: an empty file is not a port yet.
		while (!Files.exists(portFile) || Files.readString(portFile).isBlank()) {
			if (System.nanoTime() > deadline) {
				fail("The sample app did not start within %s; its log:%n%s", START_TIMEOUT, log());
			}
			// Wait for the process to end, briefly: a poll with a bound, not a sleep the
			// result depends on.
			if (this.process.waitFor(100, TimeUnit.MILLISECONDS)) {
				fail("The sample app exited with %d; its log:%n%s", this.process.exitValue(), log());
			}
		}
		return "127.0.0.1:" + Files.readString(portFile).trim();
	}

	@Override
	long pollMillis() {
		return 50;
	}

}
