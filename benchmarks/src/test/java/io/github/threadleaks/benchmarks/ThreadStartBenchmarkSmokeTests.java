package io.github.threadleaks.benchmarks;

import java.util.Collection;
import java.util.List;

import io.github.threadleaks.junit.VerifyNoThreadLeaks;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the thread start benchmark once in-process, with and without the tracker, with
 * tiny iterations, so that the harness cannot rot between real runs; the tracker it
 * starts must be gone afterwards. Times nothing.
 */
@VerifyNoThreadLeaks
class ThreadStartBenchmarkSmokeTests {

	@Test
	void bothSettingsProduceAResult() throws RunnerException {
		Collection<RunResult> results = SmokeRun.of(ThreadStartBenchmark.class);

		List<String> settings = results.stream()
			.map((result) -> result.getParams().getParam("tracking"))
			.sorted()
			.toList();
		assertThat(settings).containsExactly("off", "on");
		assertThat(results).allSatisfy((result) -> assertThat(result.getPrimaryResult().getScore()).isPositive());
	}

}
