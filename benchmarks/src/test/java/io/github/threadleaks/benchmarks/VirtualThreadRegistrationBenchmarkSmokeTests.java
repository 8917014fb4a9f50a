package io.github.threadleaks.benchmarks;

import java.util.Collection;
import java.util.List;

import io.github.threadleaks.junit.VerifyNoThreadLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the registration benchmark once in-process, with and without registration, with
 * tiny iterations, so that the harness cannot rot between real runs. Times nothing.
 */
@VerifyNoThreadLeaks
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads are JDK 21+")
class VirtualThreadRegistrationBenchmarkSmokeTests {

	@Test
	void bothSettingsProduceAResult() throws RunnerException {
		Collection<RunResult> results = SmokeRun.of(VirtualThreadRegistrationBenchmark.class);

		List<String> settings = results.stream()
			.map((result) -> result.getParams().getParam("registration"))
			.sorted()
			.toList();
		assertThat(settings).containsExactly("off", "on");
		assertThat(results).allSatisfy((result) -> assertThat(result.getPrimaryResult().getScore()).isPositive());
	}

}
