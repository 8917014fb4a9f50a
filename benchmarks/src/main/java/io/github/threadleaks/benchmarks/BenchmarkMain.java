package io.github.threadleaks.benchmarks;

import java.util.Collection;
import java.util.Set;

import org.openjdk.jmh.Main;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * The benchmarks jar's entry point: JMH's own command line (every JMH option works),
 * followed by the sample cost tables with their ratios, ready for BENCHMARKS.md.
 */
public final class BenchmarkMain {

	/** Options after which JMH only prints something and runs nothing. */
	private static final Set<String> INFORMATIONAL = Set.of("-h", "-l", "-lp", "-lprof", "-lrf");

	private BenchmarkMain() {
	}

	public static void main(String[] args) throws Exception {
		for (String arg : args) {
			if (INFORMATIONAL.contains(arg)) {
				Main.main(args);
				return;
			}
		}
		Collection<RunResult> results;
		try {
			results = new Runner(new CommandLineOptions(args)).run();
		}
		catch (CommandLineOptionException | RunnerException ex) {
			System.err.println(ex.getMessage());
			System.exit(1);
			return;
		}
		System.out.println();
		System.out.print(new CostTable(results).render());
	}

}
