package io.github.threadleaks.benchmarks;

import java.util.Map;
import java.util.stream.Collectors;

import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.ThreadLeakReport;
import io.github.threadleaks.core.ThreadLeaksSettings;
import io.github.threadleaks.junit.VerifyNoThreadLeaks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The population the benchmarks sample: mixed states at depth, and moving that the engine
 * sees.
 */
@VerifyNoThreadLeaks
class ParkedThreadsTests {

	@Test
	void threadsRestInMixedStatesAtDepth() {
		try (ParkedThreads parked = ParkedThreads.start(40)) {
			Map<Thread.State, Long> states = Thread.getAllStackTraces()
				.keySet()
				.stream()
				.filter((thread) -> thread.getName().matches("[a-z]+-[a-z]+-\\d+"))
				.collect(Collectors.groupingBy(Thread::getState, Collectors.counting()));

			assertThat(parked.size()).isEqualTo(40);
			assertThat(states).containsEntry(Thread.State.WAITING, 20L)
				.containsEntry(Thread.State.TIMED_WAITING, 10L)
				.containsEntry(Thread.State.BLOCKED, 10L);
		}
	}

	@Test
	void theEngineWalksOnlyTheStacksOfTheThreadsThatMoved() {
		try (ParkedThreads parked = ParkedThreads.start(100)) {
			ThreadLeakMonitor monitor = new ThreadLeakMonitor(ThreadLeaksSettings.defaults());
			monitor.sample();
			parked.move(0.10);
			ThreadLeakReport report = monitor.sample();

			// The ten that moved, give or take the JVM's and the test runner's own busy
			// threads.
			assertThat(report.stacksWalked()).isBetween(10, 20);
			assertThat(report.groups().stream().filter((group) -> group.frames().size() == 32).count())
				.isGreaterThan(8);
		}
	}

}
