package io.github.threadleaks.benchmarks;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import io.github.threadleaks.junit.VerifyNoThreadLeaks;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every JMH benchmark once, in-process, with tiny iteration times and 100 threads,
 * so that the harness cannot rot between real runs. Times nothing: the real figures come
 * from the benchmarks jar (BENCHMARKS.md).
 */
@VerifyNoThreadLeaks
class SampleCostBenchmarkSmokeTests {

	@Test
	void everyBenchmarkProducesAResultAndTheTableShowsIt() throws RunnerException {
		Collection<RunResult> results = SmokeRun.of(SampleCostBenchmark.class, "threads", "100");

		List<String> measured = results.stream()
			.map((result) -> result.getParams().getBenchmark())
			.map((name) -> name.substring(name.lastIndexOf('.') + 1))
			.sorted()
			.toList();
		assertThat(measured).isEqualTo(benchmarkMethods());
		assertThat(results).allSatisfy((result) -> assertThat(result.getPrimaryResult().getScore()).isPositive());
		String table = new CostTable(results).render();
		assertThat(table).contains("| 100 | ").contains("×");
		assertThat(table.lines().filter((line) -> line.startsWith("| 100 |")).findFirst().orElseThrow())
			.doesNotContain("|  |");
	}

	private static List<String> benchmarkMethods() {
		return Arrays.stream(SampleCostBenchmark.class.getMethods())
			.filter((method) -> method.isAnnotationPresent(Benchmark.class))
			.map(Method::getName)
			.sorted()
			.toList();
	}

}
