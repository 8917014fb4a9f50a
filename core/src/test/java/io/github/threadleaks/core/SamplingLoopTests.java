package io.github.threadleaks.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One loop type drives both cadences: the interval is asked after every sample, so it may
 * adapt to their cost.
 */
class SamplingLoopTests {

	private static final long HOUR_MILLIS = TimeUnit.HOURS.toMillis(1);

	@Test
	void eachNextSampleWaitsForTheIntervalAskedAfterThePreviousOne() throws InterruptedException {
		List<String> sampledOn = new CopyOnWriteArrayList<>();
		List<Long> asked = new CopyOnWriteArrayList<>();
		CountDownLatch threeSamples = new CountDownLatch(3);
		SamplingLoop loop = new SamplingLoop("threadleaks-test-loop", () -> {
			sampledOn.add(Thread.currentThread().getName());
			threeSamples.countDown();
		}, () -> {
			// Twice at once, then an hour: a cadence that backs off.
			long interval = (asked.size() < 2) ? 0 : HOUR_MILLIS;
			asked.add(interval);
			return interval;
		});
		try {
			loop.start();
			assertThat(loop.isRunning()).isTrue();
			assertThat(threeSamples.await(30, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			loop.stop();
		}
		assertThat(loop.isRunning()).isFalse();
		assertThat(sampledOn).containsExactly("threadleaks-test-loop", "threadleaks-test-loop",
				"threadleaks-test-loop");
		assertThat(asked).containsExactly(0L, 0L, HOUR_MILLIS);
	}

}
