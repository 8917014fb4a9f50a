package io.github.threadleaks.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.threadleaks.autoconfigure.endpoint.ThreadLeaksEndpointAutoConfiguration;
import io.github.threadleaks.autoconfigure.health.ThreadLeaksHealthContributorAutoConfiguration;
import io.github.threadleaks.autoconfigure.metrics.ThreadLeaksMetricsAutoConfiguration;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.virtual.ContainerThreadSource;
import io.github.threadleaks.junit.VerifyNoThreadLeaks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jdk.jfr.FlightRecorder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter leaks no thread of its own: contexts started and closed a hundred times
 * leave none behind, and no JFR recording of creation-site tracking either.
 */
@VerifyNoThreadLeaks
class ContextCycleLeakTests {

	private static final int CYCLES = 100;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(ThreadLeaksAutoConfiguration.class, ThreadLeaksEndpointAutoConfiguration.class,
						ThreadLeaksHealthContributorAutoConfiguration.class, ThreadLeaksMetricsAutoConfiguration.class))
		.withPropertyValues("threadleaks.sample-interval=100ms",
				"management.endpoints.web.exposure.include=threadleaks")
		.withBean(SimpleMeterRegistry.class);

	@Test
	void hundredStartStopCyclesLeaveNoThreadOfOurs() throws InterruptedException {
		Set<Thread> before = ours();
		int liveBefore = Thread.activeCount();
		int recordingsBefore = FlightRecorder.getFlightRecorder().getRecordings().size();
		// The sampler and the creation-site reader, and the virtual threads' sampler
		// where they are watched.
		int expected = (ContainerThreadSource.unavailableReason() == null) ? 3 : 2;
		for (int cycle = 0; cycle < CYCLES; cycle++) {
			List<Thread> started = new ArrayList<>();
			this.contextRunner.run((context) -> {
				ThreadLeakMonitor monitor = context.getBean(ThreadLeakMonitor.class);
				// The loop has really run before the context closes under it.
				TestLeak.await(() -> monitor.report().samples() > 0, () -> "a first sample");
				started.addAll(ours());
				started.removeAll(before);
			});
			assertThat(started).as("threads of ours while cycle %d ran", cycle).hasSize(expected);
			for (Thread thread : started) {
				// Closing waited for the loop to end; the thread may still be returning
				// from its last frame.
				thread.join(Duration.ofSeconds(10).toMillis());
			}
			assertThat(ours()).as("threads of ours after cycle %d closed", cycle)
				.doesNotContainAnyElementsOf(started)
				.containsExactlyInAnyOrderElementsOf(before);
		}
		assertThat(FlightRecorder.getFlightRecorder().getRecordings()).as("JFR recordings after the cycles")
			.hasSize(recordingsBefore);
		// Nothing else piled up either, one thread per cycle or more: a little slack for
		// the JDK's own threads.
		assertThat(Thread.activeCount()).isLessThan(liveBefore + 10);
	}

	/** Live threads whose name says they are the starter's. */
	private static Set<Thread> ours() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && thread.getName().startsWith("threadleaks-")
					&& !thread.getName().startsWith("threadleaks-test-"))
			.collect(Collectors.toSet());
	}

}
