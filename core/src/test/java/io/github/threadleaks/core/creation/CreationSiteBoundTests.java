package io.github.threadleaks.core.creation;

import java.time.Duration;

import io.github.threadleaks.core.CreationSiteTracking;
import io.github.threadleaks.core.InvalidSettingException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * 100,000 real thread starts: the tracker holds live threads only, within its bound, and
 * one frame list per site.
 */
class CreationSiteBoundTests {

	static final int STARTS = 100_000;

	static final int BATCH = 500;

	@Test
	void hundredThousandThreadStartsStayWithinTheBound() throws InterruptedException {
		try (CreationSiteTracker tracker = new CreationSiteTracker(1000)) {
			tracker.start();
			int maxTracked = 0;
			for (int done = 0; done < STARTS; done += BATCH) {
				startAndJoin(BATCH);
				maxTracked = Math.max(maxTracked, tracker.tracking().trackedThreads());
			}
			assertThat(tracker.awaitCatchUp(Duration.ofSeconds(60))).isTrue();

			CreationSiteTracking tracking = tracker.tracking();
			assertThat(tracking.threadStarts()).isGreaterThanOrEqualTo(STARTS);
			assertThat(maxTracked).isLessThanOrEqualTo(1000);
			// Every thread has ended: none is held, whatever JFR's delivery order within
			// a flush.
			assertThat(tracking.trackedThreads()).isLessThan(BATCH);
			assertThat(tracker.sharedSites()).isLessThanOrEqualTo(3);
		}
	}

	@Test
	void anOutOfRangeBoundIsRejectedNamingTheSetting() {
		for (int maxThreads : new int[] { 0, CreationSiteTracker.MAX_THREADS_LIMIT + 1 }) {
			assertThatExceptionOfType(InvalidSettingException.class)
				.isThrownBy(() -> new CreationSiteTracker(maxThreads))
				.withMessage("creation-site.max-threads must be between 1 and 10000000 but was " + maxThreads);
		}
	}

	/** Starts and joins {@code count} threads, all from this one place. */
	static void startAndJoin(int count) throws InterruptedException {
		Thread[] threads = new Thread[count];
		for (int i = 0; i < count; i++) {
			threads[i] = new Thread(() -> {
			}, "churn");
			threads[i].start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
	}

}
