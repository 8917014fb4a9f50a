package io.github.threadleaks.core.virtual;

import java.time.Duration;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.threadleaks.core.ManualClock;
import io.github.threadleaks.core.ThreadLeakReport;
import io.github.threadleaks.core.ThreadLeaksSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The churn that crashed JDK 25.0.3 inside {@code dumpThreads}: pairs of virtual threads
 * handing a token back and forth and short-lived virtual threads starting and ending
 * without pause, while the container source lists them back to back for at least 30
 * seconds. The JVM must survive it, and the verdicts stay sane: a pile of virtual threads
 * leaked at the start is suspected, the churning ones are not.
 */
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "the thread containers are JDK 21+")
class ContainerThreadSourceChurnTests {

	private static final Duration CHURN = Duration.ofSeconds(30);

	private static final int PAIRS = 5;

	private static final int LEAKED_PER_STEP = 5;

	private static final int LEAKING_STEPS = 6;

	private static final ThreadLeaksSettings SETTINGS = ThreadLeaksSettings.builder().window(5).minGrowth(10).build();

	private static final VirtualThreadSettings VIRTUAL = VirtualThreadSettings.builder()
		.interval(Duration.ofSeconds(1))
		.maxSampleTime(Duration.ofMinutes(1))
		.build();

	private final ManualClock clock = new ManualClock();

	@Test
	void samplingWhileVirtualThreadsChurnKeepsTheJvmAndTheVerdictsSane() throws Exception {
		VirtualThreadMonitor monitor = new VirtualThreadMonitor(SETTINGS, VIRTUAL,
				ContainerThreadSource.of(32, 100_000), this.clock);
		SynchronousQueue<Object> forgotten = new SynchronousQueue<>();
		AtomicLong handOffs = new AtomicLong();
		AtomicLong shortLived = new AtomicLong();
		try (VirtualThreads leaked = new VirtualThreads(); VirtualThreads churn = new VirtualThreads()) {
			AtomicInteger toLeak = new AtomicInteger();
			VirtualThreadChurn.start(churn, () -> {
				for (int pair = 0; pair < PAIRS; pair++) {
					startPingPong(churn, handOffs);
				}
			}, leaked, forgotten, toLeak, shortLived);
			long samples = 0;
			long end = System.nanoTime() + CHURN.toNanos();
			while (samples < LEAKING_STEPS || System.nanoTime() < end) {
				if (samples < LEAKING_STEPS) {
					toLeak.addAndGet(LEAKED_PER_STEP);
					leaked.awaitStarted((int) (samples + 1) * LEAKED_PER_STEP, Thread.State.WAITING);
				}
				monitor.sample();
				samples++;
				this.clock.advance(VIRTUAL.interval().orElseThrow());
			}
			ThreadLeakReport report = monitor.report();
			assertThat(report.lastError()).isNull();
			assertThat(report.samples()).isEqualTo(samples);
			assertThat(handOffs.get()).isPositive();
			assertThat(shortLived.get()).isPositive();
			assertThat(report.suspects()).singleElement().satisfies((suspect) -> {
				assertThat(suspect.count()).isEqualTo(LEAKED_PER_STEP * LEAKING_STEPS);
				assertThat(suspect.blockedAt()).startsWith("java.util.concurrent.SynchronousQueue.put(");
			});
		}
	}

	/**
	 * Two virtual threads handing one token back and forth until interrupted, pausing
	 * every 100 hand-offs.
	 */
	private static void startPingPong(VirtualThreads threads, AtomicLong handOffs) {
		SynchronousQueue<Object> ping = new SynchronousQueue<>();
		SynchronousQueue<Object> pong = new SynchronousQueue<>();
		threads.start(1, () -> {
			Object token = new Object();
			while (true) {
				ping.put(token);
				token = pong.take();
				// A pause every 100 hand-offs: with one every 10,000, five pairs once
				// kept both carriers of a 2-core
				// machine for two minutes, and the thread that starts the leak never ran.
				if (handOffs.incrementAndGet() % 100 == 0) {
					Thread.sleep(1);
				}
			}
		});
		threads.start(1, () -> {
			while (true) {
				pong.put(ping.take());
			}
		});
	}

}
