package io.github.threadleaks.junit;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import static org.assertj.core.api.Assertions.assertThat;

/** Ignore rules by thread name, top frame and any frame, and the default list. */
class IgnoreTests extends AbstractExtensionTests {

	private static final String NO_DEFAULTS = PlatformProperties.IGNORE_DEFAULTS + "=false";

	@Test
	void aThreadNamePatternMustMatchTheWholeName() {
		assertPasses(run(IgnoredByName.class));
		assertLeaks(run(NamePatternMatchingPartOfTheName.class), "leaky-#");
	}

	@Test
	void aTopFramePatternLooksAtTheTopFrameOnly() {
		assertPasses(run(IgnoredByTopFrame.class));
		assertLeaks(run(TopFramePatternMatchingALowerFrame.class), "leaky-#");
	}

	@Test
	void anAnyFramePatternLooksAtEveryFrame() {
		assertPasses(run(IgnoredByAnyFrame.class));
	}

	@Test
	void junitsTimeoutWatcherIsIgnoredByDefault() {
		assertPasses(run(StartsJunitsTimeoutWatcher.class));
		assertLeaks(run(StartsJunitsTimeoutWatcher.class, NO_DEFAULTS, PlatformProperties.LINGER + "=0s"),
				"junit-jupiter-timeout-watcher");
	}

	@Test
	void anIdleForkJoinWorkerIsIgnoredByDefault() {
		assertPasses(run(LeavesAnIdleForkJoinWorker.class, PlatformProperties.LINGER + "=" + LeakExample.LONG_LINGER));
		assertLeaks(run(LeavesAnIdleForkJoinWorker.class, NO_DEFAULTS, PlatformProperties.LINGER + "=0s"),
				"ForkJoinPool-#-worker-#");
	}

	@Test
	void idleWorkersOfAPoolWhoseIdleThreadsTimeOutAreIgnoredByDefault() {
		assertPasses(run(LeavesAnIdleCachedPoolWorker.class));
		assertLeaks(run(LeavesAnIdleCachedPoolWorker.class, NO_DEFAULTS, PlatformProperties.LINGER + "=0s",
				PlatformProperties.TIMED_WAIT_GRACE + "=0s"), "cached-#");
	}

	@Test
	void aScheduledExecutorNeverShutDownIsALeakThoughItsWorkerWaitsTimed() {
		// Its core worker waits for the next period in DelayedWorkQueue.take, under
		// getTask: it never times out.
		assertLeaks(run(LeavesAScheduledExecutor.class), "scheduled-#");
	}

	private static void assertPasses(EngineExecutionResults results) {
		results.testEvents().assertStatistics((stats) -> stats.started(1).succeeded(1).failed(0));
	}

	private static void assertLeaks(EngineExecutionResults results, String normalizedName) {
		assertThat(testFailure(results)).isInstanceOf(ThreadLeakError.class)
			.hasMessageContaining("thread like \"" + normalizedName + "\"");
	}

	@LeakExample
	@VerifyNoThreadLeaks(ignoreThreadNames = "leaky-\\d+")
	static class IgnoredByName extends LeakyThreadExample {

	}

	@LeakExample
	@VerifyNoThreadLeaks(ignoreThreadNames = "leaky", linger = "0s")
	static class NamePatternMatchingPartOfTheName extends LeakyThreadExample {

	}

	@LeakExample
	@VerifyNoThreadLeaks(ignoreTopFrames = "jdk\\.internal\\.misc\\.Unsafe\\.park")
	static class IgnoredByTopFrame extends LeakyThreadExample {

	}

	@LeakExample
	@VerifyNoThreadLeaks(ignoreTopFrames = "java\\.util\\.concurrent\\.SynchronousQueue\\.put", linger = "0s")
	static class TopFramePatternMatchingALowerFrame extends LeakyThreadExample {

	}

	@LeakExample
	@VerifyNoThreadLeaks(ignoreAnyFrames = "java\\.util\\.concurrent\\.SynchronousQueue\\.put")
	static class IgnoredByAnyFrame extends LeakyThreadExample {

	}

	@LeakExample
	@VerifyNoThreadLeaks
	static class StartsJunitsTimeoutWatcher {

		@Test
		@Timeout(60)
		void runsUnderATimeout() {
			// JUnit starts its watcher thread for the first test with a timeout and keeps
			// it until the run ends.
		}

	}

	@LeakExample
	@VerifyNoThreadLeaks
	static class LeavesAnIdleForkJoinWorker {

		@Test
		void runsATaskInAForkJoinPool() throws Exception {
			ForkJoinPool pool = ExampleThreads.track(new ForkJoinPool(1));
			assertThat(pool.submit(() -> "done").get()).isEqualTo("done");
		}

	}

	/**
	 * A cached pool never shut down: its idle worker ends by itself after the pool's
	 * keep-alive (60s).
	 */
	@LeakExample
	@VerifyNoThreadLeaks
	static class LeavesAnIdleCachedPoolWorker {

		@Test
		void runsATaskInACachedPool() throws Exception {
			ExecutorService pool = ExampleThreads
				.track(Executors.newCachedThreadPool(ExampleThreads.factory("cached-")));
			assertThat(pool.submit(() -> "done").get()).isEqualTo("done");
			ExampleThreads.awaitAllParkedIn("cached-", 1, "java.util.concurrent.ThreadPoolExecutor.getTask");
		}

	}

	/**
	 * A scheduled executor with a periodic task never shut down, as commons-lang's
	 * {@code TimedSemaphore} test leaves it: its worker waits TIMED_WAITING for the next
	 * period, forever.
	 */
	@LeakExample
	@VerifyNoThreadLeaks
	static class LeavesAScheduledExecutor {

		@Test
		void schedulesAPeriodicTask() {
			ScheduledExecutorService scheduler = ExampleThreads
				.track(Executors.newScheduledThreadPool(1, ExampleThreads.factory("scheduled-")));
			scheduler.scheduleAtFixedRate(() -> {
			}, 1, 1, TimeUnit.HOURS);
			ExampleThreads.awaitAllParkedIn("scheduled-", 1,
					"java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue.take");
		}

	}

}
