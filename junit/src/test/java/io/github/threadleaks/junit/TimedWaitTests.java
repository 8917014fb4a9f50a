package io.github.threadleaks.junit;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Threads in a timed wait when the linger ends (a sleep, a timed park or wait) end by
 * themselves: they get one bounded extra grace, and only those still alive after it fail
 * the test, with a message that says so.
 */
class TimedWaitTests extends AbstractExtensionTests {

	@Test
	void aTwoSecondSleeperPassesWithinTheGrace() {
		// The most grace, so that a loaded machine never fails it: the check returns as
		// soon as the sleeper ends.
		EngineExecutionResults results = run(TwoSecondSleeper.class, PlatformProperties.TIMED_WAIT_GRACE + "=30s");
		results.testEvents().assertStatistics((stats) -> stats.started(1).succeeded(1).failed(0));
	}

	@Test
	void withoutAGraceTheSameSleeperIsReported() {
		EngineExecutionResults results = run(TwoSecondSleeper.class, PlatformProperties.LINGER + "=0s",
				PlatformProperties.TIMED_WAIT_GRACE + "=0s");
		assertThat(testFailure(results)).isInstanceOf(ThreadLeakError.class)
			.hasMessageContaining("1 thread like \"sleeper-#\" TIMED_WAITING")
			.hasMessageNotContaining("grace");
	}

	@Test
	void aSleeperStillAliveAfterTheGraceFailsSayingItWasInATimedWait() {
		EngineExecutionResults results = run(LongSleeper.class, PlatformProperties.LINGER + "=0s",
				PlatformProperties.TIMED_WAIT_GRACE + "=100ms");
		assertThat(testFailure(results)).isInstanceOf(ThreadLeakError.class)
			.hasMessageContaining("1 thread like \"long-sleeper-#\" TIMED_WAITING")
			.hasMessageContaining("still alive 0ms after it ended; it was in a timed wait (a sleep, a timed park "
					+ "or wait) then, and still alive after a further 100ms of grace "
					+ "(threadleaks.junit.timed-wait-grace).");
	}

	@Test
	void aParkedExecutorWorkerStillFailsWithoutTheGrace() {
		EngineExecutionResults results = run(ParkedWorker.class);
		assertThat(testFailure(results)).isInstanceOf(ThreadLeakError.class)
			.hasMessageContaining("1 thread like \"parked-#\" WAITING")
			.hasMessageNotContaining("timed wait");
	}

	@Test
	void theGraceEndsOnceEveryLeftoverWaitsUntimed() {
		// The most grace: had it been waited out, the message would say so.
		EngineExecutionResults results = run(SleeperThenParked.class, PlatformProperties.LINGER + "=0s",
				PlatformProperties.TIMED_WAIT_GRACE + "=30s");
		assertThat(testFailure(results)).isInstanceOf(ThreadLeakError.class)
			.hasMessageContaining("1 thread like \"sleeps-then-parks-#\" WAITING")
			.hasMessageNotContaining("grace");
	}

	@Test
	void anInvalidGraceFailsTheTestNamingTheKey() {
		Throwable failure = testFailure(run(TwoSecondSleeper.class, PlatformProperties.TIMED_WAIT_GRACE + "=1m"));
		assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
			.hasMessage("threadleaks.junit.timed-wait-grace must be between 0ms and 30s but was 1m");
	}

	@LeakExample
	@VerifyNoThreadLeaks
	static class TwoSecondSleeper {

		@Test
		void leavesASleeperBehind() {
			Thread sleeper = ExampleThreads.start("sleeper-1", () -> sleep(2_000));
			ExampleThreads.awaitParkedIn(sleeper, "java.lang.Thread.sleep");
		}

	}

	@LeakExample
	@VerifyNoThreadLeaks
	static class LongSleeper {

		@Test
		void leavesALongSleeperBehind() {
			Thread sleeper = ExampleThreads.start("long-sleeper-1", () -> sleep(600_000));
			ExampleThreads.awaitParkedIn(sleeper, "java.lang.Thread.sleep");
		}

	}

	@LeakExample
	@VerifyNoThreadLeaks
	static class SleeperThenParked {

		@Test
		void leavesASleeperThatThenParksForever() {
			CountDownLatch never = new CountDownLatch(1);
			Thread sleeper = ExampleThreads.start("sleeps-then-parks-1", () -> {
				try {
					Thread.sleep(1_000);
					never.await();
				}
				catch (InterruptedException ex) {
					// Stopped by the test that ran this example.
				}
			});
			ExampleThreads.awaitParkedIn(sleeper, "java.lang.Thread.sleep");
		}

	}

	@LeakExample
	@VerifyNoThreadLeaks
	static class ParkedWorker {

		@Test
		void leavesAWorkerParkedOnAQueue() {
			ExecutorService pool = ExampleThreads
				.track(Executors.newSingleThreadExecutor(ExampleThreads.factory("parked-")));
			SynchronousQueue<String> queue = new SynchronousQueue<>();
			pool.execute(() -> {
				try {
					queue.take();
				}
				catch (InterruptedException ex) {
					// Stopped by the test that ran this example.
				}
			});
			ExampleThreads.awaitAllParkedIn("parked-", 1, "java.util.concurrent.SynchronousQueue.take");
		}

	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			// Stopped by the test that ran this example.
		}
	}

}
