package io.github.threadleaks.junit;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import static org.assertj.core.api.Assertions.assertThat;

/** A leaking test fails with its threads grouped by stack; a clean test passes. */
class LeakReportTests extends AbstractExtensionTests {

	private static final String PUT = "java.util.concurrent.SynchronousQueue.put";

	@Test
	void aTestThatLeaksFailsWithItsThreadsGroupedByStack() {
		EngineExecutionResults results = run(LeakingPool.class);
		results.testEvents().assertStatistics((stats) -> stats.started(1).failed(1));
		Throwable failure = testFailure(results);
		assertThat(failure).isInstanceOf(ThreadLeakError.class);
		assertThat(failure.getMessage()).startsWith("2 leaked threads in 1 stack group:\n")
			.contains("\n  2 threads like \"pool-#-thread-#\" WAITING, oldest stuck ")
			.containsPattern("\n    threads: \"pool-\\d+-thread-\\d+\", \"pool-\\d+-thread-\\d+\"\n")
			.contains("\n    at " + PUT + "(SynchronousQueue.java:")
			.contains("\n    at " + LeakingPool.class.getName() + ".offerForever(")
			.contains("were started during the test and were still alive 1s after it ended");
	}

	@Test
	void theMessageSaysWhichMethodOfTheTestStartedTheLeakedThreads() {
		// The pool's workers run only JDK code and the task; the test method's two
		// execute calls started them.
		String message = testFailure(run(LeakingPool.class)).getMessage();
		String site = "\n    created by " + LeakingPool.class.getName() + ".leaksTwoPooledThreads(line ";
		assertThat(message).containsPattern("\n    threads: [^\n]*" + Pattern.quote(site));
		assertThat(message.split(Pattern.quote(site), -1)).as("sites named").hasSize(3);
	}

	@Test
	void creationSitesCanBeSwitchedOff() {
		String message = testFailure(run(LeakingPool.class, PlatformProperties.CREATION_SITE + "=false")).getMessage();
		assertThat(message).startsWith("2 leaked threads in 1 stack group:\n").doesNotContain("created by");
	}

	@Test
	void aTestThatStopsWhatItStartedPasses() {
		EngineExecutionResults results = run(CleanPool.class);
		results.testEvents().assertStatistics((stats) -> stats.started(1).succeeded(1).failed(0));
	}

	@Test
	void eachStackIsOneGroupWithItsFramesAndNamesCapped() {
		EngineExecutionResults results = run(ManyGroups.class);
		String message = testFailure(results).getMessage();
		assertThat(message).startsWith("8 leaked threads in 2 stack groups:\n")
			.contains("\n  7 threads like \"shallow-#\" WAITING")
			.containsPattern("\n    threads: (\"shallow-\\d\", ){4}\"shallow-\\d\" and 2 more\n")
			.contains("\n  1 thread like \"deep-#\" WAITING");
		String deepGroup = message.substring(message.indexOf("like \"deep-#\""));
		deepGroup = deepGroup.substring(0, deepGroup.indexOf("They were started"));
		assertThat(deepGroup.split("\n    at ", -1)).as("frames printed").hasSize(LeakMessage.MAX_FRAMES + 1);
		assertThat(deepGroup).containsPattern("\n    \\.\\.\\. \\d+ more\n$");
	}

	@LeakExample
	@VerifyNoThreadLeaks
	static class LeakingPool {

		@Test
		void leaksTwoPooledThreads() {
			ExecutorService pool = ExampleThreads.track(Executors.newFixedThreadPool(2, ExampleThreads.poolFactory()));
			SynchronousQueue<String> queue = new SynchronousQueue<>();
			Runnable sender = () -> offerForever(queue);
			pool.execute(sender);
			pool.execute(sender);
			ExampleThreads.awaitAllParkedIn("pool-", 2, PUT);
		}

		/** Senders without a receiver: Go's forgotten sender. */
		static void offerForever(SynchronousQueue<String> queue) {
			try {
				queue.put("result nobody takes");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	/**
	 * Its pool's threads may still be ending when awaitTermination returns: the linger
	 * covers that.
	 */
	@LeakExample
	@VerifyNoThreadLeaks(linger = LeakExample.LONG_LINGER)
	static class CleanPool {

		@Test
		void shutsItsPoolDownAndJoinsItsThread() throws Exception {
			ExecutorService pool = ExampleThreads.track(Executors.newFixedThreadPool(2, ExampleThreads.poolFactory()));
			pool.submit(() -> "done").get();
			Thread thread = ExampleThreads.start("worker-1", () -> {
			});
			pool.shutdown();
			assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
			thread.join();
		}

	}

	@LeakExample
	@VerifyNoThreadLeaks(linger = "0s")
	static class ManyGroups {

		@Test
		void leaksSevenShallowThreadsAndOneDeepOne() {
			CountDownLatch never = new CountDownLatch(1);
			for (int i = 1; i <= 7; i++) {
				ExampleThreads.start("shallow-" + i, () -> await(never));
			}
			ExampleThreads.start("deep-1", () -> descend(20, never));
			ExampleThreads.awaitAllParkedIn("shallow-", 7, "java.util.concurrent.CountDownLatch.await");
			ExampleThreads.awaitAllParkedIn("deep-", 1, "java.util.concurrent.CountDownLatch.await");
		}

		static void descend(int depth, CountDownLatch latch) {
			if (depth == 0) {
				await(latch);
			}
			else {
				descend(depth - 1, latch);
			}
		}

		static void await(CountDownLatch latch) {
			try {
				latch.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
