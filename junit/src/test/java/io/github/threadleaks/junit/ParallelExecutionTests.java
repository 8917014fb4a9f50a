package io.github.threadleaks.junit;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.threadleaks.junit.VerifyNoThreadLeaks.Scope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With parallel execution on, no check ends in an error: a test JUnit runs alone is
 * checked as in a serial run, and a test that ran beside others is failed only for the
 * threads it started, itself or through a thread it started.
 */
class ParallelExecutionTests extends AbstractExtensionTests {

	private static final String PARALLEL = PlatformProperties.PARALLEL_ENABLED + "=true";

	private static final String CONCURRENT = "junit.jupiter.execution.parallel.mode.default=concurrent";

	private static final String FIXED = "junit.jupiter.execution.parallel.config.strategy=fixed";

	/** Enough workers for the three neighbours to run at once beside their class. */
	private static final String FOUR_WORKERS = "junit.jupiter.execution.parallel.config.fixed.parallelism=4";

	private static final String AWAIT = "java.util.concurrent.CountDownLatch.await";

	/**
	 * The neighbours meet twice: once their baselines are taken, once their threads run.
	 */
	private static CyclicBarrier neighbours = new CyclicBarrier(Neighbours.TESTS);

	@BeforeEach
	void newBarrier() {
		neighbours = new CyclicBarrier(Neighbours.TESTS);
	}

	@Test
	void sameThreadModeChecksEachTestAsASerialRunDoes() {
		EngineExecutionResults results = run(SameThreadClass.class, PARALLEL);
		assertOnlyLeakersFailed(results, 2);
		assertThat(testFailure(results)).hasMessageContaining("1 thread like \"same-thread-#\" WAITING");
	}

	@Test
	void concurrentTestsAreFailedOnlyForTheThreadsTheyStarted() {
		EngineExecutionResults results = run(Neighbours.class, PARALLEL, CONCURRENT, FIXED, FOUR_WORKERS);
		assertOnlyLeakersFailed(results, Neighbours.TESTS);
		assertThat(testFailure(results)).hasMessageContaining("2 leaked threads in 2 stack groups")
			.hasMessageContaining("1 thread like \"server-#\" WAITING")
			.hasMessageContaining("1 thread like \"server-worker-#\" WAITING")
			.hasMessageNotContaining("neighbour-");
	}

	@Test
	void concurrentAndSameThreadClassesRunTogetherAreEachFailedForTheirOwn() {
		EngineExecutionResults results = run(List.of(Neighbours.class, SameThreadClass.class), PARALLEL, CONCURRENT,
				FIXED, FOUR_WORKERS);
		assertOnlyLeakersFailed(results, Neighbours.TESTS + 2);
		assertThat(results.testEvents().failed().list()).hasSize(2)
			.allSatisfy((event) -> assertThat(failure(event)).isInstanceOf(ThreadLeakError.class)
				.hasMessageNotContaining("neighbour-"));
	}

	@Test
	void anIsolatedClassIsCheckedAsAWhole() {
		EngineExecutionResults results = run(IsolatedClassScope.class, PARALLEL, CONCURRENT);
		results.testEvents().assertStatistics((stats) -> stats.started(1).succeeded(1));
		assertThat(containerFailure(results)).isInstanceOf(ThreadLeakError.class)
			.hasMessageContaining("like \"leaky-#\" WAITING");
	}

	/**
	 * Exactly the tests named {@code leaks...} failed, each for a leak; no other test and
	 * no container failed.
	 */
	private static void assertOnlyLeakersFailed(EngineExecutionResults results, int tests) {
		results.testEvents().assertStatistics((stats) -> stats.started(tests).aborted(0));
		assertThat(results.containerEvents().failed().list()).as("failed containers").isEmpty();
		for (Event event : results.testEvents().finished().list()) {
			boolean leaker = event.getTestDescriptor().getDisplayName().startsWith("leaks");
			TestExecutionResult result = event.getRequiredPayload(TestExecutionResult.class);
			assertThat(result.getStatus()).as(event.getTestDescriptor().getDisplayName())
				.isEqualTo(leaker ? TestExecutionResult.Status.FAILED : TestExecutionResult.Status.SUCCESSFUL);
			if (leaker) {
				assertThat(failure(event)).isInstanceOf(ThreadLeakError.class);
			}
		}
	}

	private static Throwable failure(Event event) {
		return event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
	}

	/** Parks the calling thread until interrupted, as a leaked worker waits for work. */
	static void waitForever() {
		try {
			new CountDownLatch(1).await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static void meet() {
		try {
			neighbours.await(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("the neighbours did not run at the same time", ex);
		}
	}

	/**
	 * Three tests JUnit runs at the same time. They meet once all three have taken their
	 * baselines, start their threads, and meet again: one leaves a server thread and the
	 * worker that server started; the other two stop their own threads while the leaked
	 * ones run on.
	 */
	@LeakExample
	@VerifyNoThreadLeaks
	static class Neighbours {

		static final int TESTS = 3;

		@Test
		void leaksThroughItsServer() throws InterruptedException {
			meet();
			AtomicReference<Thread> worker = new AtomicReference<>();
			CountDownLatch started = new CountDownLatch(1);
			Thread server = ExampleThreads.start("server-1", () -> {
				worker.set(ExampleThreads.start("server-worker-1", ParallelExecutionTests::waitForever));
				started.countDown();
				waitForever();
			});
			started.await();
			ExampleThreads.awaitParkedIn(server, AWAIT);
			ExampleThreads.awaitParkedIn(worker.get(), AWAIT);
			meet();
		}

		@Test
		void stopsItsThread() throws InterruptedException {
			startsAndStopsANeighbour("neighbour-1");
		}

		@Test
		void stopsItsThreadToo() throws InterruptedException {
			startsAndStopsANeighbour("neighbour-2");
		}

		private static void startsAndStopsANeighbour(String name) throws InterruptedException {
			meet();
			Thread neighbour = ExampleThreads.start(name, ParallelExecutionTests::waitForever);
			ExampleThreads.awaitParkedIn(neighbour, AWAIT);
			meet();
			neighbour.interrupt();
			neighbour.join();
		}

	}

	/** Tests JUnit runs one after the other, in the thread of their class. */
	@LeakExample
	@VerifyNoThreadLeaks
	@Execution(ExecutionMode.SAME_THREAD)
	static class SameThreadClass {

		@Test
		void leaksOneThread() {
			ExampleThreads.awaitParkedIn(ExampleThreads.start("same-thread-1", ParallelExecutionTests::waitForever),
					AWAIT);
		}

		@Test
		void stopsItsThread() throws InterruptedException {
			Thread thread = ExampleThreads.start("same-thread-stopped-1", ParallelExecutionTests::waitForever);
			ExampleThreads.awaitParkedIn(thread, AWAIT);
			thread.interrupt();
			thread.join();
		}

	}

	@LeakExample
	@Isolated
	@VerifyNoThreadLeaks(scope = Scope.CLASS, linger = "0s")
	static class IsolatedClassScope extends LeakyThreadExample {

	}

}
