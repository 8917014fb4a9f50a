package io.github.threadleaks.core.virtual;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import io.github.threadleaks.core.ManualClock;
import io.github.threadleaks.core.ThreadLeakReport;
import io.github.threadleaks.core.ThreadLeaksSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hundred thousand virtual threads parked in one place: one dump of them is read as it
 * streams (the file is never held whole) and what the engine keeps does not grow with
 * them: their stacks are one interned frame list, their group one. Heap figures are in
 * BENCHMARKS.md; a heap bound here would flake on a shared machine.
 */
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads and their thread dump are JDK 21+")
class VirtualThreadMemoryTests {

	private static final int THREADS = 100_000;

	@Test
	void aHundredThousandVirtualThreadsInOnePlaceShareOneStackAndOneGroup() throws Exception {
		VirtualThreadSource source = new VirtualThreadSource(32);
		VirtualThreadMonitor monitor = new VirtualThreadMonitor(ThreadLeaksSettings.defaults(),
				VirtualThreadSettings.builder().enabled(true).maxSampleTime(Duration.ofMinutes(5)).build(), source,
				new ManualClock());
		CountDownLatch release = new CountDownLatch(1);
		try (VirtualThreads threads = new VirtualThreads()) {
			threads.start(THREADS, () -> {
				release.await();
				return null;
			});
			threads.awaitStarted(THREADS, Thread.State.WAITING);
			ThreadLeakReport report = monitor.sample();
			assertThat(monitor.status().threads()).isGreaterThanOrEqualTo(THREADS);
			assertThat(report.groups()).anySatisfy((group) -> {
				assertThat(group.count()).isEqualTo(THREADS);
				assertThat(group.container()).isEqualTo("java.util.concurrent.ThreadPerTaskExecutor");
			});
			// Every thread's stack is one of a handful of interned lists, not one list
			// per thread.
			assertThat(source.lastDistinctStacks()).isLessThan(20);
			assertThat(report.trackedGroups()).isLessThan(20);
			release.countDown();
		}
	}

}
