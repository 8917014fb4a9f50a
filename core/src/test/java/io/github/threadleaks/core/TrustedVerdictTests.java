package io.github.threadleaks.core;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.github.threadleaks.core.BlockedThreads.NAME_PREFIX;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verdicts that hold on code we did not write: idle workers of a pool that reclaims them
 * are never judged at any interval, while a scheduled executor's core worker is; a group
 * whose members are replaced is turnover; a group whose threads keep waking but pile up
 * is a leak.
 */
class TrustedVerdictTests {

	/**
	 * A longest horizon short enough to fill in a test: 6 points of 2 samples, so waking
	 * growth needs 12 samples and a growth of 6.
	 */
	private static final ThreadLeaksSettings SHORT_HORIZONS = ThreadLeaksSettings.builder()
		.window(6)
		.minGrowth(3)
		.minRiseShare(0.5)
		.horizons(2)
		.horizonFactor(2)
		.build();

	private static final String GET_TASK = "java.util.concurrent.ThreadPoolExecutor.getTask";

	private final BlockedThreads threads = new BlockedThreads();

	@AfterEach
	void close() {
		this.threads.close();
	}

	@Test
	void idleWorkersOfATomcatLikePoolGrowingUnderLoadAreNotJudged() throws Exception {
		// Tomcat's TaskQueue refuses a task while the pool may grow, so each burst adds
		// workers; idle ones poll the queue with the keep-alive as timeout.
		ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 200, 10, TimeUnit.MINUTES, new GrowingTaskQueue(),
				this.threads.factory("http-exec"));
		assertIdleWorkersNeverSuspected(pool, "http-exec", () -> 3);
	}

	@Test
	void idleWorkersOfACachedPoolGrowingUnderLoadAreNotJudged() throws Exception {
		ThreadPoolExecutor pool = new ThreadPoolExecutor(0, 200, 10, TimeUnit.MINUTES, new SynchronousQueue<>(),
				this.threads.factory("cached"));
		// Idle workers take the first tasks of a burst; the pool grows by the rest.
		assertIdleWorkersNeverSuspected(pool, "cached", () -> pool.getPoolSize() + 3);
	}

	/**
	 * Grows the pool by 3 workers at each of 6 samples (on every step of one window),
	 * then holds it, and checks that its idle workers, stuck as they are, are never
	 * suspected.
	 */
	private void assertIdleWorkersNeverSuspected(ThreadPoolExecutor pool, String role, IntSupplier tasksPerBurst)
			throws Exception {
		this.threads.shutDownOnClose(pool);
		SteppedMonitor monitor = new SteppedMonitor(SteppedMonitor.FAST);
		ThreadLeakReport report = null;
		for (int sample = 1; sample <= 16; sample++) {
			if (sample <= 6) {
				burst(pool, tasksPerBurst.getAsInt());
				BlockedThreads.awaitState(this.threads.started(role), Thread.State.TIMED_WAITING, GET_TASK);
			}
			report = monitor.sampleWithoutSuspects();
			if (sample == 10) {
				assertThat(SteppedMonitor.groupNamed(report, NAME_PREFIX + role + "-#").history())
					.as("grew on 6 steps of one window")
					.containsExactly(3, 6, 9, 12, 15, 18, 18, 18, 18, 18);
			}
		}
		StackGroupReport idle = SteppedMonitor.groupNamed(report, NAME_PREFIX + role + "-#");
		assertThat(idle.count()).isEqualTo(pool.getPoolSize()).isGreaterThanOrEqualTo(18);
		assertThat(idle.stuck()).as("every idle worker is stuck").isEqualTo(idle.count());
		assertThat(idle.idleWorkersThatTimeOut()).isTrue();
		assertThat(idle.explanation()).contains("; not judged: idle pool workers in a timed poll for their next task");
	}

	/**
	 * Runs {@code tasks} tasks at once, so that the pool grows to hold them, and ends
	 * them.
	 */
	private static void burst(ThreadPoolExecutor pool, int tasks) throws InterruptedException {
		CountDownLatch running = new CountDownLatch(tasks);
		CountDownLatch done = new CountDownLatch(1);
		for (int i = 0; i < tasks; i++) {
			pool.execute(() -> {
				running.countDown();
				try {
					done.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
		}
		assertThat(running.await(BlockedThreads.DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		done.countDown();
	}

	@Test
	void aScheduledExecutorPerRequestWaitingForItsDelayedTaskIsStillALeak() {
		SteppedMonitor monitor = new SteppedMonitor();
		ThreadLeakReport report = null;
		for (int sample = 1; sample <= 8; sample++) {
			ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, this.threads.factory("timeout"));
			onCloseShutDownNow(timer);
			timer.schedule(() -> {
			}, 1, TimeUnit.HOURS);
			BlockedThreads.awaitState(this.threads.started("timeout"), Thread.State.TIMED_WAITING,
					"java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue.take");
			report = monitor.sample();
		}
		StackGroupReport leak = SteppedMonitor.groupNamed(report, NAME_PREFIX + "timeout-#");
		assertThat(leak.suspected()).as(leak.explanation()).isTrue();
		assertThat(leak.idleWorkersThatTimeOut()).as("a delayed-work wait is no timed poll").isFalse();
		assertThat(leak.evidence().waking()).isFalse();
	}

	@Test
	void aGroupWhoseMembersAreReplacedClearsAndSaysWhy() {
		SteppedMonitor monitor = new SteppedMonitor();
		List<List<Thread>> bySample = new ArrayList<>();
		String firstSuspicion = null;
		String keptSuspicion = null;
		List<StackGroupReport> cleared = new ArrayList<>();
		monitor.monitor().addListener(new ThreadLeakListener() {
			@Override
			public void cleared(StackGroupReport group) {
				cleared.add(group);
			}
		});
		int clearedAt = 0;
		for (int sample = 1; sample <= 30; sample++) {
			// Each request's two threads end after 6 samples: the group climbs to 12 and
			// holds there, its members replaced.
			bySample.add(List.of(waitingThread("dispatcher"), waitingThread("dispatcher")));
			if (bySample.size() > 6) {
				this.threads.end(bySample.remove(0));
			}
			ThreadLeakReport report = monitor.sample();
			StackGroupReport group = SteppedMonitor.groupNamed(report, NAME_PREFIX + "dispatcher-#");
			if (group.suspected() && firstSuspicion == null) {
				firstSuspicion = group.explanation();
			}
			if (group.suspected() && group.explanation().contains("not growing since") && keptSuspicion == null) {
				keptSuspicion = group.explanation();
			}
			if (firstSuspicion != null && !group.suspected() && clearedAt == 0) {
				clearedAt = sample;
			}
			if (clearedAt > 0) {
				assertThat(group.suspected()).as("suspected again at sample %d: %s", sample, group.explanation())
					.isFalse();
			}
		}
		// While it climbs, nothing tells it from a leak yet.
		assertThat(firstSuspicion).as("suspected while it climbed").isNotNull();
		assertThat(keptSuspicion).as("the evidence is dated once it is no longer found")
			.contains("(measured 10s ago, not growing since)");
		assertThat(clearedAt).as("cleared once the members present at suspicion have all ended").isEqualTo(11);
		assertThat(cleared).singleElement()
			.satisfies((group) -> assertThat(group.explanation()).contains("; cleared (every member it had when "
					+ "suspected has ended or moved on: its threads are replaced, not leaked), was suspected: grew"));
		assertThat(monitor.monitor().report().suspects()).isEmpty();
	}

	@Test
	void aScheduledExecutorPerRequestWithAPeriodicTaskIsALeakWhoseThreadsKeepWaking() {
		SteppedMonitor monitor = new SteppedMonitor(SHORT_HORIZONS);
		// Benign periodic work beside it: one scheduler, and a fixed pool kept busy.
		ScheduledExecutorService oneScheduler = this.threads
			.shutDownOnClose(Executors.newSingleThreadScheduledExecutor(this.threads.factory("metrics-flush")));
		AtomicInteger flushes = new AtomicInteger();
		oneScheduler.scheduleAtFixedRate(flushes::incrementAndGet, 0, 20, TimeUnit.MILLISECONDS);
		ExecutorService fixedPool = this.threads
			.shutDownOnClose(Executors.newFixedThreadPool(3, this.threads.factory("fixed-worker")));
		List<AtomicInteger> beats = new ArrayList<>();
		assertWakingLeakSuspected(monitor, NAME_PREFIX + "heartbeat-#", () -> {
			ScheduledThreadPoolExecutor heartbeat = new ScheduledThreadPoolExecutor(1,
					this.threads.factory("heartbeat"));
			onCloseShutDownNow(heartbeat);
			AtomicInteger ticks = new AtomicInteger();
			heartbeat.scheduleAtFixedRate(ticks::incrementAndGet, 0, 20, TimeUnit.MILLISECONDS);
			beats.add(ticks);
			for (int i = 0; i < 3; i++) {
				fixedPool.execute(flushes::incrementAndGet);
			}
			return beats;
		});
	}

	@Test
	void aClientPerRequestWhoseThreadKeepsReconnectingIsALeakWhoseThreadsKeepWaking() throws IOException {
		int closedPort;
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = server.getLocalPort();
		}
		InetSocketAddress down = new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort);
		SteppedMonitor monitor = new SteppedMonitor(SHORT_HORIZONS);
		List<AtomicInteger> attempts = new ArrayList<>();
		assertWakingLeakSuspected(monitor, NAME_PREFIX + "reconnect-#", () -> {
			AtomicInteger tried = new AtomicInteger();
			attempts.add(tried);
			// A client's network thread: connect, fail, back off, connect again.
			this.threads.start("reconnect", () -> {
				while (!Thread.currentThread().isInterrupted()) {
					try (Socket socket = new Socket()) {
						socket.connect(down, 1000);
					}
					catch (IOException ex) {
						tried.incrementAndGet();
					}
					// A back-off far longer than a sample on a loaded machine: a sample
					// taken
					// as a thread counts its attempt finds it back in its sleep, not in
					// the
					// next connect (another stack, another group).
					TimeUnit.MILLISECONDS.sleep(200);
				}
			});
			return attempts;
		});
	}

	/**
	 * Makes one request before each of 14 samples, each leaving a thread that keeps
	 * waking ({@code request} returns every leaked thread's counter of wake-ups), waits
	 * before each sample until every leaked thread woke since the previous one, and
	 * checks that only the named group is suspected, on waking growth, from the sample
	 * that fills the longest horizon.
	 */
	private void assertWakingLeakSuspected(SteppedMonitor monitor, String groupName,
			Supplier<List<AtomicInteger>> request) {
		int[] seen = new int[0];
		ThreadLeakReport report = null;
		for (int sample = 1; sample <= 14; sample++) {
			List<AtomicInteger> wakeUps = request.get();
			int[] before = seen;
			BlockedThreads.await(() -> "every leaked thread to wake", () -> {
				for (int i = 0; i < before.length; i++) {
					if (wakeUps.get(i).get() <= before[i]) {
						return false;
					}
				}
				return wakeUps.get(wakeUps.size() - 1).get() > 0;
			});
			seen = wakeUps.stream().mapToInt(AtomicInteger::get).toArray();
			report = monitor.sample();
			if (sample < 12) {
				assertThat(report.suspects()).as("suspects at sample %d", sample).isEmpty();
			}
		}
		assertThat(report.suspects()).extracting(StackGroupReport::name).containsExactly(groupName);
		StackGroupReport leak = report.suspects().get(0);
		assertThat(leak.stuck()).as("its members keep moving").isLessThan(leak.count() / 2);
		assertThat(leak.evidence().waking()).isTrue();
		assertThat(leak.explanation()).contains("its threads keep waking on a schedule; the group never fell over");
	}

	private Thread waitingThread(String role) {
		CountDownLatch never = new CountDownLatch(1);
		return this.threads.startBlocked(role, Thread.State.WAITING, never::await);
	}

	private void onCloseShutDownNow(ScheduledThreadPoolExecutor executor) {
		this.threads.onClose(() -> {
			executor.shutdownNow();
			assertThat(executor.awaitTermination(BlockedThreads.DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		});
	}

	/**
	 * Tomcat's {@code TaskQueue} in brief: refuses a task while the pool may still grow,
	 * so the pool starts a worker for it.
	 */
	private static final class GrowingTaskQueue extends LinkedBlockingQueue<Runnable> {

		@Override
		public boolean offer(Runnable task) {
			return false;
		}

	}

}
