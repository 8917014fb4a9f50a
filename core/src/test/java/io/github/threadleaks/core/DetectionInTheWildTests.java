package io.github.threadleaks.core;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.github.threadleaks.core.BlockedThreads.NAME_PREFIX;
import static java.lang.Thread.State.WAITING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The look-alikes measured on code that no test here wrote: leaked event loops, whose
 * threads wake on timers and use a little CPU in the same place, are still; a pool
 * ramping under slow tasks, whose members sit still for two or three samples each, is not
 * a leak. Each is played by real threads and checked against the old rule, which got it
 * wrong.
 */
class DetectionInTheWildTests {

	/**
	 * The settings the slow-task ramp was measured at: window 10, min-growth 4, 500 ms
	 * samples.
	 */
	private static final ThreadLeaksSettings TIGHT = ThreadLeaksSettings.builder()
		.sampleInterval(Duration.ofMillis(500))
		.window(10)
		.minGrowth(4)
		.build();

	private final BlockedThreads threads = new BlockedThreads();

	@AfterEach
	void endEveryThread() {
		this.threads.close();
		assertThat(BlockedThreads.liveTestThreads()).as("test threads left alive").isEmpty();
	}

	/**
	 * Selector threads leaked two per request, each woken between every two samples (as a
	 * Netty event loop or an HTTP client's reactor wakes on its timers) and so using a
	 * little CPU in {@code EPoll.wait}: suspected, where the old rule (no CPU at all)
	 * never suspected them.
	 */
	@Test
	void leakedSelectorThreadsWakingBetweenSamplesAreStillAndSuspected() throws Exception {
		ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
		assumeTrue(threadBean.isThreadCpuTimeSupported() && threadBean.isThreadCpuTimeEnabled(),
				"this JVM does not measure CPU time");
		SteppedMonitor monitor = new SteppedMonitor(SteppedMonitor.SMALL_WINDOW);
		SteppedMonitor oldRule = new SteppedMonitor(ThreadLeaksSettings.builder()
			.window(8)
			.minGrowth(4)
			.minRiseShare(0.5)
			.minStillSamples(1)
			.maxStillCpuShare(0)
			.build());
		List<Pipe.SinkChannel> timers = new ArrayList<>();
		List<Thread> loops = new ArrayList<>();
		List<AtomicInteger> handled = new ArrayList<>();
		ThreadLeakReport report = null;
		boolean oldRuleSuspected = false;
		for (int sample = 1; sample <= 12; sample++) {
			for (int i = 0; i < 2; i++) {
				Selector selector = Selector.open();
				Pipe timer = Pipe.open();
				timer.source().configureBlocking(false);
				timer.source().register(selector, SelectionKey.OP_READ);
				this.threads.onClose(() -> {
					selector.close();
					timer.sink().close();
					timer.source().close();
				});
				timers.add(timer.sink());
				AtomicInteger ticks = new AtomicInteger();
				handled.add(ticks);
				loops.add(this.threads.start("event-loop", () -> runLoop(selector, timer.source(), ticks)));
			}
			// The timers fire: every loop wakes, runs a little and waits again, before
			// the sample. (A pipe, not
			// Selector.wakeup(), whose lock the waking thread would contend with the
			// loop, as no timer does.)
			List<Long> before = cpuTimes(threadBean, loops);
			for (Pipe.SinkChannel tick : timers) {
				tick.write(ByteBuffer.wrap(new byte[] { 1 }));
			}
			awaitAllWokeAndWaitAgain(threadBean, loops, before, handled);
			report = monitor.sample();
			oldRuleSuspected |= !oldRule.sample().suspects().isEmpty();
		}
		assertThat(oldRuleSuspected).as("the old rule: any CPU time is movement").isFalse();
		assertThat(report.suspects()).extracting(StackGroupReport::name).containsExactly(NAME_PREFIX + "event-loop-#");
		StackGroupReport leak = report.suspects().get(0);
		assertThat(leak.state()).isEqualTo(Thread.State.RUNNABLE);
		assertThat(leak.count()).isEqualTo(24);
		assertThat(leak.explanation()).contains(" stuck for >= 3 samples");
	}

	/**
	 * A cached pool ramping under slow tasks: each task holds its worker for three
	 * samples, then lets it go (to take another task or to end), for a whole window and
	 * more, then the pool shrinks. The old rule suspected it after four samples ("grew
	 * from 2 to 18 threads over 4 points"); at the defaults it is never suspected.
	 */
	@Test
	void aPoolRampingUnderSlowTasksIsNeverSuspected() throws Exception {
		SteppedMonitor monitor = new SteppedMonitor(TIGHT);
		// Idle workers end at once: the pool shrinks between samples as soon as tasks
		// stop coming.
		ThreadPoolExecutor pool = this.threads.shutDownOnClose(new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1,
				TimeUnit.MILLISECONDS, new SynchronousQueue<>(), this.threads.factory("slow-task")));
		List<SlowTask> running = new ArrayList<>();
		int[] arrivals = { 2, 4, 6, 8, 6, 6, 6, 6, 6, 6, 6, 6, 0, 0, 0, 0 };
		for (int sample = 1; sample <= arrivals.length; sample++) {
			// Tasks that have been seen at three samples end; their workers may take the
			// new ones.
			for (SlowTask task : List.copyOf(running)) {
				if (task.samplesSeen == 3) {
					task.finish();
					running.remove(task);
				}
			}
			for (int i = 0; i < arrivals[sample - 1]; i++) {
				SlowTask task = new SlowTask();
				pool.execute(task);
				running.add(task);
			}
			for (SlowTask task : running) {
				task.awaitWaiting();
				task.samplesSeen++;
			}
			BlockedThreads.await(() -> "idle workers to end", () -> pool.getPoolSize() == running.size());
			ThreadLeakReport report = monitor.sampleWithoutSuspects();
			assertThat(report.groups()).as("the slow tasks' group at sample %d", sample)
				.filteredOn((group) -> group.name().equals(NAME_PREFIX + "slow-task-#") && group.state() == WAITING)
				.allSatisfy((group) -> assertThat(group.count()).isEqualTo(running.size()));
		}
	}

	/**
	 * An event loop: waits in its selector, drains what woke it, waits again; ends when
	 * the selector closes.
	 */
	private static void runLoop(Selector selector, Pipe.SourceChannel timer, AtomicInteger handled) throws Exception {
		ByteBuffer drained = ByteBuffer.allocate(16);
		while (selector.isOpen()) {
			selector.select();
			if (!selector.isOpen()) {
				return;
			}
			selector.selectedKeys().clear();
			drained.clear();
			handled.addAndGet(timer.read(drained));
		}
	}

	private static List<Long> cpuTimes(ThreadMXBean threadBean, List<Thread> loops) {
		return loops.stream().map((loop) -> threadBean.getThreadCpuTime(BlockedThreads.idOf(loop))).toList();
	}

	/**
	 * Waits until each loop has handled every tick written to it, has used CPU since
	 * {@code before} and sits in its selector's native wait again.
	 */
	private static void awaitAllWokeAndWaitAgain(ThreadMXBean threadBean, List<Thread> loops, List<Long> before,
			List<AtomicInteger> handled) {
		for (int i = 0; i < loops.size(); i++) {
			Thread loop = loops.get(i);
			long id = BlockedThreads.idOf(loop);
			long cpuBefore = before.get(i);
			AtomicInteger ticks = handled.get(i);
			// Two loops start at each sample and each is written one tick per sample.
			int written = (loops.size() - i + 1) / 2;
			BlockedThreads.await(() -> "\"" + loop.getName() + "\" to wake and wait in its selector again", () -> {
				// Its CPU time grows as soon as it wakes, while its stack still shows the
				// wait: only the count of ticks read tells the tick was handled, and the
				// stack is read after it.
				if (ticks.get() != written) {
					return false;
				}
				StackTraceElement[] stack = loop.getStackTrace();
				// In the selector's native wait, not in the native read of the tick,
				// which is native too.
				return loop.getState() == Thread.State.RUNNABLE && stack.length > 0 && stack[0].isNativeMethod()
						&& Arrays.stream(stack).anyMatch(DetectionInTheWildTests::isSelect)
						&& threadBean.getThreadCpuTime(id) > cpuBefore;
			});
		}
	}

	private static boolean isSelect(StackTraceElement frame) {
		return frame.getClassName().equals("sun.nio.ch.SelectorImpl") && frame.getMethodName().equals("select");
	}

	/** A task that holds its worker until finished, in {@link CountDownLatch#await()}. */
	private static final class SlowTask implements Runnable {

		private final CountDownLatch done = new CountDownLatch(1);

		private volatile Thread worker;

		int samplesSeen;

		@Override
		public void run() {
			this.worker = Thread.currentThread();
			try {
				this.done.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		void awaitWaiting() {
			BlockedThreads.await(() -> "a slow task to start waiting", () -> {
				Thread thread = this.worker;
				return thread != null && thread.getState() == WAITING && isInAwait(thread);
			});
		}

		void finish() {
			Thread thread = this.worker;
			this.done.countDown();
			// The worker leaves the task's place before the next sample: back to the
			// pool, or ended.
			BlockedThreads.await(() -> "a finished task's worker to leave it", () -> !isInAwait(thread));
		}

		private static boolean isInAwait(Thread thread) {
			for (StackTraceElement frame : thread.getStackTrace()) {
				if (frame.getClassName().equals(SlowTask.class.getName()) && frame.getMethodName().equals("run")) {
					return true;
				}
			}
			return false;
		}

	}

}
