package io.github.threadleaks.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link LeakingService} in a JVM of its own, on the JDK that runs the tests, and that
 * JDK's {@code jcmd} to dump it: the real thread dumps of real blocked threads.
 */
final class ForkedJvm implements AutoCloseable {

	static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

	/**
	 * A build run as a background job of a script ignores SIGQUIT, and a JVM started so
	 * cannot be attached to (jcmd and watch need it): where coreutils' {@code env} can,
	 * the service starts with the signal's default restored.
	 */
	private static final List<String> QUIT_SIGNAL_RESTORED = quitSignalRestored();

	private final Process process;

	private final PrintWriter commands;

	private final BufferedReader answers;

	private final long pid;

	private final Path errors;

	private ForkedJvm(Process process, Path errors) throws IOException {
		this.process = process;
		this.errors = errors;
		this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
		this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		String ready = this.answers.readLine();
		// JFR says it started a recording on the standard output first.
		while (ready != null && !ready.startsWith("ready ")) {
			ready = this.answers.readLine();
		}
		if (ready == null) {
			throw new IllegalStateException("the forked JVM did not start: " + Files.readString(errors));
		}
		this.pid = Long.parseLong(ready.substring("ready ".length()));
	}

	/** Starts the service with the given extra JVM options. */
	static ForkedJvm start(String... jvmOptions) throws IOException {
		List<String> command = new ArrayList<>(QUIT_SIGNAL_RESTORED);
		command.add(JAVA_HOME.resolve("bin/java").toString());
		command.addAll(List.of(jvmOptions));
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(LeakingService.class.getName());
		// Not inherited: the test JVM's own standard streams carry its test runner's
		// messages.
		Path errors = Files.createTempFile("threadleaks-forked-jvm-", ".log");
		return new ForkedJvm(new ProcessBuilder(command).redirectError(errors.toFile()).start(), errors);
	}

	private static List<String> quitSignalRestored() {
		List<String> env = List.of("/usr/bin/env", "--default-signal=QUIT");
		if (!Files.isExecutable(Path.of(env.get(0)))) {
			return List.of();
		}
		try {
			List<String> probe = new ArrayList<>(env);
			probe.add("true");
			Process process = new ProcessBuilder(probe).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			return (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0) ? env : List.of();
		}
		catch (IOException ex) {
			return List.of();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return List.of();
		}
	}

	long pid() {
		return this.pid;
	}

	/**
	 * Sends a command and waits for its {@code ok}: the threads it started sit in their
	 * blocking call.
	 */
	void send(String command) throws IOException {
		this.commands.println(command);
		String answer = this.answers.readLine();
		if (!"ok".equals(answer)) {
			throw new IllegalStateException(
					"'" + command + "' answered " + answer + ": " + Files.readString(this.errors));
		}
	}

	/**
	 * A real leak series in one file: a forked service leaks two threads before each of
	 * {@code dumps} {@code jcmd Thread.print} dumps.
	 */
	static Path leakSeries(Path file, int dumps) throws IOException, InterruptedException {
		try (ForkedJvm jvm = start()) {
			for (int dump = 0; dump < dumps; dump++) {
				jvm.send("leak 2");
				jvm.threadPrintTo(file);
			}
		}
		return file;
	}

	/** Appends a {@code jcmd Thread.print} dump to the file. */
	void threadPrintTo(Path file) throws IOException, InterruptedException {
		jcmd(file, true, "Thread.print");
	}

	/** Runs {@code jcmd PID args...}, its output appended to (or written to) the file. */
	void jcmd(Path output, boolean append, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(JAVA_HOME.resolve("bin/jcmd").toString());
		command.add(Long.toString(this.pid));
		command.addAll(List.of(args));
		ProcessBuilder.Redirect redirect = append ? ProcessBuilder.Redirect.appendTo(output.toFile())
				: ProcessBuilder.Redirect.to(output.toFile());
		Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(redirect).start();
		if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
			jcmd.destroyForcibly();
			throw new IllegalStateException("jcmd " + String.join(" ", args) + " failed: " + Files.readString(output));
		}
	}

	/**
	 * Waits until the wall clock's second has passed the given one: text dumps carry
	 * their time to the second.
	 */
	static void awaitNextSecond(long epochSecond) throws InterruptedException {
		while (System.currentTimeMillis() / 1000 <= epochSecond) {
			Thread.sleep(20);
		}
	}

	/** Ends the service and waits for its process to end; where interrupted, kills it. */
	@Override
	public void close() {
		try {
			if (this.process.isAlive()) {
				this.commands.println("exit");
				if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
					this.process.destroyForcibly().waitFor();
				}
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		finally {
			this.commands.close();
			try {
				Files.deleteIfExists(this.errors);
			}
			catch (IOException ex) {
				// A temporary file left behind costs nothing.
			}
		}
	}

}
