package io.github.threadleaks.core.virtual;

import java.time.Duration;
import java.util.List;
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
 * Walking only the stacks of the virtual threads that can have moved gives the verdicts
 * of walking every stack: two container sources, one of each kind, list the same churning
 * population in turn (pairs handing a token back and forth through one queue, so that
 * each thread parks on the same blocker in two places; short-lived threads; a pile of
 * threads parked for good on top of a steady crowd) and judge it alike.
 */
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "the thread containers are JDK 21+")
class WalkOnlyWhatMovedTests {

	private static final int PAIRS = 5;

	private static final int STEADY = 500;

	private static final int LEAKED_PER_STEP = 5;

	private static final int LEAKING_STEPS = 8;

	private static final int SAMPLES = 3 * StackWalkCensus.REWALK_LISTINGS / 2;

	private static final ThreadLeaksSettings SETTINGS = ThreadLeaksSettings.builder().window(5).minGrowth(10).build();

	private static final VirtualThreadSettings VIRTUAL = VirtualThreadSettings.builder()
		.interval(Duration.ofSeconds(1))
		.maxSampleTime(Duration.ofMinutes(1))
		.build();

	@Test
	void walkingOnlyWhatMovedJudgesAChurningPopulationAsWalkingEveryStackDoes() throws Exception {
		ManualClock movedClock = new ManualClock();
		ManualClock everyClock = new ManualClock();
		ContainerThreadSource moved = ContainerThreadSource.of(32, 100_000);
		ContainerThreadSource every = ContainerThreadSource.walkingEveryStack(32, 100_000);
		VirtualThreadMonitor movedMonitor = new VirtualThreadMonitor(SETTINGS, VIRTUAL, moved, movedClock);
		VirtualThreadMonitor everyMonitor = new VirtualThreadMonitor(SETTINGS, VIRTUAL, every, everyClock);
		SynchronousQueue<Object> forgotten = new SynchronousQueue<>();
		AtomicLong handOffs = new AtomicLong();
		AtomicLong shortLived = new AtomicLong();
		long walkedMoved = 0;
		long walkedEvery = 0;
		try (VirtualThreads leaked = new VirtualThreads(); VirtualThreads churn = new VirtualThreads()) {
			leaked.start(STEADY, () -> {
				forgotten.put(new Object());
				return null;
			});
			leaked.awaitStarted(STEADY, Thread.State.WAITING);
			AtomicInteger toLeak = new AtomicInteger();
			VirtualThreadChurn.start(churn, () -> {
				for (int pair = 0; pair < PAIRS; pair++) {
					startPingPongOnOneQueue(churn, handOffs);
				}
			}, leaked, forgotten, toLeak, shortLived);
			for (int sample = 0; sample < SAMPLES; sample++) {
				if (sample > 0 && sample <= LEAKING_STEPS) {
					toLeak.addAndGet(LEAKED_PER_STEP);
					leaked.awaitStarted(STEADY + sample * LEAKED_PER_STEP, Thread.State.WAITING);
				}
				movedMonitor.sample();
				walkedMoved += moved.lastWalked();
				everyMonitor.sample();
				walkedEvery += every.lastWalked();
				movedClock.advance(VIRTUAL.interval().orElseThrow());
				everyClock.advance(VIRTUAL.interval().orElseThrow());
			}
			ThreadLeakReport movedReport = movedMonitor.report();
			ThreadLeakReport everyReport = everyMonitor.report();
			assertThat(movedReport.lastError()).isNull();
			assertThat(everyReport.lastError()).isNull();
			assertThat(handOffs.get()).isPositive();
			assertThat(shortLived.get()).isPositive();
			assertThat(verdicts(movedReport)).isEqualTo(verdicts(everyReport))
				.singleElement()
				.asString()
				.startsWith("java.util.concurrent.SynchronousQueue.put(")
				.endsWith(" x " + (LEAKED_PER_STEP * LEAKING_STEPS));
			// The steady crowd is walked once in REWALK_LISTINGS listings, not every
			// listing.
			assertThat(walkedMoved).isLessThan(walkedEvery / 4);
		}
	}

	/**
	 * The suspects: where each is blocked and how many threads it holds (the steady crowd
	 * was started elsewhere: a group of its own, flat).
	 */
	private static List<String> verdicts(ThreadLeakReport report) {
		return report.suspects()
			.stream()
			.map((suspect) -> suspect.blockedAt().replaceAll(":\\d+\\)", ")") + " x " + suspect.count())
			.sorted()
			.toList();
	}

	/**
	 * Two virtual threads handing one token back and forth through one queue until
	 * interrupted, each parking on that queue in {@code put} and in {@code take} in turn,
	 * pausing every 100 hand-offs.
	 */
	private static void startPingPongOnOneQueue(VirtualThreads threads, AtomicLong handOffs) {
		SynchronousQueue<Object> queue = new SynchronousQueue<>();
		threads.start(1, () -> {
			Object token = new Object();
			while (true) {
				queue.put(token);
				token = queue.take();
				// A pause every 100 hand-offs: five pairs without one once kept both
				// carriers of a 2-core machine.
				if (handOffs.incrementAndGet() % 100 == 0) {
					Thread.sleep(1);
				}
			}
		});
		threads.start(1, () -> {
			while (true) {
				queue.put(queue.take());
			}
		});
	}

}
