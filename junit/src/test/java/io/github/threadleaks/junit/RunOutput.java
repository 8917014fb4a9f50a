package io.github.threadleaks.junit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The results of an example run and what it printed to standard output, where the run's
 * summary goes. This module's tests run one at a time, so swapping {@link System#out} for
 * the run catches only its output.
 *
 * @param results the run's results
 * @param text what the run printed
 */
record RunOutput(EngineExecutionResults results, String text) {

	static RunOutput capture(Supplier<EngineExecutionResults> run) {
		PrintStream original = System.out;
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
		EngineExecutionResults results;
		try {
			results = run.get();
		}
		finally {
			System.setOut(original);
		}
		String text = bytes.toString(StandardCharsets.UTF_8);
		original.print(text);
		return new RunOutput(results, text);
	}

}
