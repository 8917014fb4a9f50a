package io.github.threadleaks.junit;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A thread still alive when the test ends has the linger to end. The example's thread
 * ends only once the check is waiting for it (the test's thread is in
 * {@link Thread#join}), so the outcome never depends on timing.
 */
class LingerTests extends AbstractExtensionTests {

	@Test
	void aThreadThatEndsWithinTheLingerPasses() {
		EngineExecutionResults results = run(EndsOnceWaitedFor.class,
				PlatformProperties.LINGER + "=" + LeakExample.LONG_LINGER);
		results.testEvents().assertStatistics((stats) -> stats.started(1).succeeded(1).failed(0));
	}

	@Test
	void withoutALingerTheSameThreadIsReported() {
		EngineExecutionResults results = run(EndsOnceWaitedFor.class, PlatformProperties.LINGER + "=0s");
		assertThat(testFailure(results)).isInstanceOf(ThreadLeakError.class)
			.hasMessageStartingWith("1 leaked thread in 1 stack group:\n  1 thread like \"finisher-#\" ")
			.hasMessageContaining("still alive 0ms after it ended");
	}

	@Test
	void executorWorkersThatEndAfterShutdownPass() {
		EngineExecutionResults results = run(ShutdownWithoutAwait.class);
		results.testEvents().assertStatistics((stats) -> stats.started(1).succeeded(1).failed(0));
	}

	/** Its linger comes from the configuration parameter. */
	@LeakExample
	@VerifyNoThreadLeaks
	static class EndsOnceWaitedFor {

		@Test
		void releasesItsThreadOnItsLastLine() {
			Thread testThread = Thread.currentThread();
			CountDownLatch done = new CountDownLatch(1);
			ExampleThreads.start("finisher-1", () -> {
				try {
					done.await();
					ExampleThreads.awaitJoining(testThread);
				}
				catch (InterruptedException | IllegalStateException ex) {
					// Stopped by the test that ran this example.
				}
			});
			done.countDown();
		}

	}

	@LeakExample
	@VerifyNoThreadLeaks(linger = LeakExample.LONG_LINGER)
	static class ShutdownWithoutAwait {

		@Test
		void shutsItsPoolDownWithoutWaiting() throws Exception {
			ExecutorService pool = ExampleThreads.track(Executors.newFixedThreadPool(3, ExampleThreads.poolFactory()));
			for (int i = 0; i < 3; i++) {
				pool.submit(() -> "done").get();
			}
			pool.shutdown();
		}

	}

}
