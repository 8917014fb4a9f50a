package io.github.threadleaks.core;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link StackGroupReport#blockedAt()} on the stacks real threads cannot be made to have
 * on demand: application code on top, or no Java frame at all (real blocked threads are
 * covered in {@link LeakPatternTests}).
 */
class BlockedAtTests {

	@Test
	void applicationCodeOnTopIsWhereTheThreadIs() {
		assertThat(
				group("com.example.Spinner.spin(Spinner.java:7)", "java.lang.Thread.run(Thread.java:840)").blockedAt())
			.isEqualTo("com.example.Spinner.spin(Spinner.java:7)");
	}

	@Test
	void theJdkCallIsNamedWithTheApplicationFrameThatMadeIt() {
		assertThat(group("jdk.internal.misc.Unsafe.park(Native Method)",
				"java.util.concurrent.CountDownLatch.await(CountDownLatch.java:230)",
				"javax.naming.Context.lookup(Context.java:1)", "com.example.Batch.collect(Batch.java:12)",
				"java.lang.Thread.run(Thread.java:840)")
			.blockedAt())
			.isEqualTo("javax.naming.Context.lookup(Context.java:1) from com.example.Batch.collect(Batch.java:12)");
	}

	@Test
	void aPoolsTaskWrapperIsNotTheCallerOfTheBlockingCall() {
		assertThat(group("jdk.internal.misc.Unsafe.park(Native Method)",
				"java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.awaitNanos(AbstractQueuedSynchronizer.java:1679)",
				"java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue.take(ScheduledThreadPoolExecutor.java:1182)",
				"java.util.concurrent.ThreadPoolExecutor.getTask(ThreadPoolExecutor.java:1062)",
				"java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1122)",
				"java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:635)",
				"org.apache.tomcat.util.threads.TaskThread$WrappingRunnable.run(TaskThread.java:74)",
				"java.lang.Thread.run(Thread.java:840)")
			.blockedAt()).isEqualTo(
					"java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue.take(ScheduledThreadPoolExecutor.java:1182)"
							+ " from org.apache.tomcat.util.threads.TaskThread$WrappingRunnable.run(TaskThread.java:74)");
	}

	@Test
	void aStackOfParkingMachineryOnlyFallsBackToItsTopFrame() {
		assertThat(group("jdk.internal.misc.Unsafe.park(Native Method)",
				"java.util.concurrent.locks.LockSupport.park(LockSupport.java:341)")
			.blockedAt()).isEqualTo("jdk.internal.misc.Unsafe.park(Native Method)");
	}

	@Test
	void noJavaFramesIsNowhere() {
		assertThat(group().blockedAt()).isEmpty();
	}

	private static StackGroupReport group(String... frames) {
		return new StackGroupReport("0123456789ab", "worker-#", Thread.State.WAITING, 1, 0, false, List.of(frames),
				List.of(1), 1, 0, 0, null, null, 0, new GroupExplanation(1, "WAITING"));
	}

}
