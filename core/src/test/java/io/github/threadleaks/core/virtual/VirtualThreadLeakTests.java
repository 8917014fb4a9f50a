package io.github.threadleaks.core.virtual;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;

import io.github.threadleaks.core.JvmThreadSource;
import io.github.threadleaks.core.LeakStatus;
import io.github.threadleaks.core.ManualClock;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.ThreadLeakReport;
import io.github.threadleaks.core.ThreadLeaksSettings;
import io.github.threadleaks.core.VirtualThreadsReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leaks among real virtual threads, seen through the JVM's thread dump: a growing pile
 * blocked in {@code SynchronousQueue.put} is suspected, a virtual-thread-per-task
 * workload under rising load is not, and the combined report shows both kinds of group.
 */
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads and their thread dump are JDK 21+")
class VirtualThreadLeakTests {

	private static final ThreadLeaksSettings SETTINGS = ThreadLeaksSettings.builder().window(5).minGrowth(10).build();

	private static final VirtualThreadSettings VIRTUAL = VirtualThreadSettings.builder()
		.enabled(true)
		.interval(Duration.ofSeconds(30))
		.maxSampleTime(Duration.ofMinutes(1))
		.build();

	private final ManualClock clock = new ManualClock();

	@Test
	void tenThousandVirtualThreadsBlockedInPutAcrossSamplesAreSuspected() throws Exception {
		VirtualThreadMonitor monitor = new VirtualThreadMonitor(SETTINGS, VIRTUAL, new VirtualThreadSource(32),
				this.clock);
		ThreadLeakMonitor platformThreads = new ThreadLeakMonitor(SETTINGS, new JvmThreadSource(), this.clock);
		PlatformAndVirtualMonitors platform = new PlatformAndVirtualMonitors(platformThreads, monitor);
		SynchronousQueue<Object> queue = new SynchronousQueue<>();
		try (VirtualThreads threads = new VirtualThreads()) {
			for (int step = 1; step <= 5; step++) {
				threads.start(2000, () -> {
					queue.put(new Object());
					return null;
				});
				threads.awaitStarted(2000 * step, Thread.State.WAITING);
				monitor.sample();
				platformThreads.sample();
				this.clock.advance(VIRTUAL.interval().orElseThrow());
			}
			ThreadLeakReport report = platform.report();
			assertThat(report.status()).isEqualTo(LeakStatus.LEAK_SUSPECTED);
			assertThat(report.suspects()).singleElement().satisfies((suspect) -> {
				assertThat(suspect.virtual()).isTrue();
				assertThat(suspect.container()).isEqualTo("java.util.concurrent.ThreadPerTaskExecutor");
				assertThat(suspect.name()).isEqualTo("java.util.concurrent.ThreadPerTaskExecutor");
				assertThat(suspect.count()).isEqualTo(10_000);
				assertThat(suspect.history()).containsExactly(2000, 4000, 6000, 8000, 10_000);
				assertThat(suspect.blockedAt()).startsWith("java.util.concurrent.SynchronousQueue.put(")
					.contains(" from " + VirtualThreadLeakTests.class.getName());
			});
			assertThat(report.groups()).anySatisfy((group) -> assertThat(group.virtual()).isFalse());
			assertThat(report.virtualThreads()).satisfies((status) -> {
				assertThat(status.status()).isEqualTo(VirtualThreadsReport.Status.AVAILABLE);
				assertThat(status.threads()).isGreaterThanOrEqualTo(10_000);
				assertThat(status.samples()).isEqualTo(5);
			});
			String id = report.suspects().get(0).id();
			assertThat(platform.group(id)).hasValueSatisfying((detail) -> assertThat(detail.threads()).hasSize(1000));
		}
	}

	/**
	 * Rising load on a virtual thread per request: each sample sees more requests in
	 * flight than the last, but every one of them is new, so the group grows without a
	 * member sitting still. Each batch of requests is served and has ended before the
	 * next dump: on JDK 25.0.3 a dump taken while virtual threads run can crash the JVM
	 * (see the README), so no virtual thread runs during a dump here.
	 */
	@Test
	void aVirtualThreadPerTaskWorkloadUnderRisingLoadIsNotSuspected() throws Exception {
		VirtualThreadMonitor monitor = new VirtualThreadMonitor(SETTINGS, VIRTUAL, new VirtualThreadSource(32),
				this.clock);
		for (int step = 1; step <= 8; step++) {
			int inFlight = 500 * step;
			CountDownLatch served = new CountDownLatch(1);
			try (VirtualThreads requests = new VirtualThreads()) {
				requests.start(inFlight, () -> {
					served.await();
					return null;
				});
				requests.awaitStarted(inFlight, Thread.State.WAITING);
				ThreadLeakReport report = monitor.sample();
				assertThat(report.groups()).anySatisfy((group) -> assertThat(group.count()).isEqualTo(inFlight));
				assertThat(report.suspects()).isEmpty();
				served.countDown();
			}
			this.clock.advance(VIRTUAL.interval().orElseThrow());
		}
		assertThat(monitor.status().samples()).isEqualTo(8);
	}

}
