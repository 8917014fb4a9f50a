package io.github.threadleaks.monitoring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * One run of an external program to its end: its exit code and its output (stdout and
 * stderr together).
 *
 * @param exitCode the exit code
 * @param output what the program printed
 */
record ToolRun(int exitCode, String output) {

	/** Runs a program in the given directory, waiting at most a minute for it to end. */
	static ToolRun run(Path directory, Path executable, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(executable.toString());
		command.addAll(List.of(arguments));
		// Output to a file rather than a pipe: nothing has to drain it while the program
		// runs.
		Path output = Files.createTempFile("threadleaks-tool-", ".log");
		try {
			Process process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(1, TimeUnit.MINUTES)) {
				process.destroyForcibly().waitFor();
				fail(command + " did not end within a minute; it printed:%n%s",
						Files.readString(output, StandardCharsets.UTF_8));
			}
			return new ToolRun(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

}
