package io.github.threadleaks.benchmarks;

import java.util.Collection;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * A JMH run that times nothing: in-process, one 20 ms iteration of each, failing on any
 * error.
 */
final class SmokeRun {

	private SmokeRun() {
	}

	/**
	 * Runs the benchmarks of the given class, with the given parameters
	 * ({@code name, value, ...}).
	 */
	static Collection<RunResult> of(Class<?> benchmarks, String... params) throws RunnerException {
		ChainedOptionsBuilder options = new OptionsBuilder().include(benchmarks.getName() + "\\.")
			.forks(0)
			.warmupIterations(1)
			.warmupTime(TimeValue.milliseconds(20))
			.measurementIterations(1)
			.measurementTime(TimeValue.milliseconds(20))
			.shouldFailOnError(true)
			.verbosity(VerboseMode.SILENT);
		for (int i = 0; i + 1 < params.length; i += 2) {
			options.param(params[i], params[i + 1]);
		}
		return new Runner(options.build()).run();
	}

}
