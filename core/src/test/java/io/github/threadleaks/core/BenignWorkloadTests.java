package io.github.threadleaks.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.github.threadleaks.core.BlockedThreads.CONDITION_AWAIT;
import static io.github.threadleaks.core.BlockedThreads.DEADLINE;
import static io.github.threadleaks.core.BlockedThreads.NAME_PREFIX;
import static java.lang.Thread.State.TERMINATED;
import static java.lang.Thread.State.TIMED_WAITING;
import static java.lang.Thread.State.WAITING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The look-alikes of DESIGN.md that must never be flagged, played by real threads and
 * real pools over two windows and more of driven samples, each checked after every
 * sample; then the same beside a real leak, which alone is flagged.
 */
class BenignWorkloadTests {

	private static final ThreadLeaksSettings SETTINGS = SteppedMonitor.SMALL_WINDOW;

	/**
	 * Over two windows, and long enough for the first coarse horizon to hold two points.
	 */
	private static final int SAMPLES = 2 * SETTINGS.window() + 4;

	private final BlockedThreads threads = new BlockedThreads();

	private final SteppedMonitor monitor = new SteppedMonitor(SETTINGS);

	@AfterEach
	void endEveryThread() {
		this.threads.close();
		assertThat(BlockedThreads.liveTestThreads()).as("test threads left alive").isEmpty();
	}

	@Test
	void aPoolWarmingUpInOneBurstThenStayingFlatIsNotALeak() throws Exception {
		WarmingPool pool = new WarmingPool();
		List<ThreadLeakReport> reports = sampleWithoutSuspects(pool);
		StackGroupReport idle = SteppedMonitor.groupNamed(reports.get(WarmingPool.BURST_AT - 1), pool.groupName());
		assertThat(idle.history()).as("one worker, then the burst").containsExactly(1, 1, 1, 20);
		StackGroupReport flat = SteppedMonitor.groupNamed(last(reports), pool.groupName());
		assertThat(flat.count()).isEqualTo(20);
		assertThat(flat.stuck()).as("idle workers sit still").isEqualTo(20);
	}

	@Test
	void threadPerTaskWorkWhoseThreadsFinishIsNotALeakEvenAsTheLoadRises() throws Exception {
		ThreadPerTask work = new ThreadPerTask();
		List<ThreadLeakReport> reports = sampleWithoutSuspects(work);
		StackGroupReport inFlight = SteppedMonitor.groupNamed(last(reports), work.groupName());
		// It rose on every step, but each sample finds only new threads: none sat still.
		assertThat(inFlight.history()).containsExactly(13, 14, 15, 16, 17, 18, 19, 20);
		assertThat(inFlight.stuck()).isZero();
	}

	@Test
	void aBurstyCachedPoolThatShrinksAgainIsNotALeak() throws Exception {
		BurstyCachedPool pool = new BurstyCachedPool();
		List<ThreadLeakReport> reports = sampleWithoutSuspects(pool);
		assertThat(reports).as("samples that saw the pool's largest burst")
			.filteredOn((report) -> report.groups()
				.stream()
				.anyMatch((group) -> group.name().equals(pool.groupName()) && group.count() == 12))
			.hasSize(2 * SAMPLES / 4);
		StackGroupReport lastBurst = SteppedMonitor.groupNamed(reports.get(SAMPLES - 2), pool.groupName());
		assertThat(lastBurst.history()).containsExactly(0, 6, 12, 12, 0, 6, 12, 12);
	}

	@Test
	void aLargeStablePoolIsNotALeak() throws Exception {
		StablePool pool = new StablePool();
		List<ThreadLeakReport> reports = sampleWithoutSuspects(pool);
		StackGroupReport idle = SteppedMonitor.groupNamed(last(reports), pool.groupName());
		assertThat(idle.count()).isEqualTo(StablePool.SIZE);
		assertThat(idle.stuck()).as("all idle, all still: only its flat count clears it").isEqualTo(StablePool.SIZE);
	}

	@Test
	void aPoolGrowingWithARampOfLoadIsNotALeak() throws Exception {
		RampOfLoad ramp = new RampOfLoad();
		List<ThreadLeakReport> reports = sampleWithoutSuspects(ramp);
		StackGroupReport growing = SteppedMonitor.groupNamed(last(reports), ramp.groupName());
		// It rose on every step, but every worker took work since the previous sample.
		assertThat(growing.history()).containsExactly(13, 14, 15, 16, 17, 18, 19, 20);
		assertThat(growing.stuck()).isZero();
	}

	@Test
	void onlyTheLeakIsSuspectedBesideARampOfLoad() throws Exception {
		assertOnlyTheLeakIsSuspected(new RampOfLoad());
	}

	@Test
	void onlyTheLeakIsSuspectedBesideEveryBenignWorkloadAtOnce() throws Exception {
		assertOnlyTheLeakIsSuspected(new WarmingPool(), new ThreadPerTask(), new BurstyCachedPool(), new StablePool(),
				new RampOfLoad());
	}

	/**
	 * Runs the workloads beside a receiver that leaks one thread per sample, and checks
	 * that the leak alone is suspected, as soon as its window holds the rises, and that
	 * releasing it clears the report.
	 */
	private void assertOnlyTheLeakIsSuspected(Workload... workloads) throws Exception {
		String leakName = NAME_PREFIX + "abandoned-receiver-#";
		ThreadLeakReport report = null;
		Set<String> groupsSeen = new HashSet<>();
		for (int sample = 1; sample <= SAMPLES; sample++) {
			for (Workload workload : workloads) {
				workload.step();
			}
			BlockingQueue<String> nobodyWrites = new LinkedBlockingQueue<>();
			this.threads.startBlocked("abandoned-receiver", WAITING, nobodyWrites::take);
			report = this.monitor.sample();
			report.groups().forEach((group) -> groupsSeen.add(group.name()));
			List<String> suspects = report.suspects().stream().map(StackGroupReport::name).toList();
			// From sample 5 on, the window [1, 2, 3, 4, 5] holds the 4 rises and the
			// growth of 4 the rule needs.
			assertThat(suspects).as("suspects at sample %d", sample)
				.isEqualTo((sample < 5) ? List.of() : List.of(leakName));
		}
		StackGroupReport leak = report.suspects().get(0);
		assertThat(leak.count()).isEqualTo(SAMPLES);
		assertThat(leak.stuck()).as("all but the last three, stuck for 3 samples").isEqualTo(SAMPLES - 3);
		assertThat(groupsSeen).as("the benign workloads' groups")
			.containsAll(Arrays.stream(workloads).map(Workload::groupName).toList());
		this.threads.close();
		assertThat(this.monitor.sample().status()).isEqualTo(LeakStatus.OK);
	}

	private List<ThreadLeakReport> sampleWithoutSuspects(Workload workload) throws Exception {
		List<ThreadLeakReport> reports = new ArrayList<>();
		for (int sample = 1; sample <= SAMPLES; sample++) {
			workload.step();
			reports.add(this.monitor.sampleWithoutSuspects());
		}
		return reports;
	}

	private ThreadPoolExecutor fixedPool(int size, String role) {
		return shutDownOnClose((ThreadPoolExecutor) Executors.newFixedThreadPool(size, factory(role)));
	}

	private ThreadPoolExecutor shutDownOnClose(ThreadPoolExecutor pool) {
		return this.threads.shutDownOnClose(pool);
	}

	private ThreadFactory factory(String role) {
		return this.threads.factory(role);
	}

	private Thread start(String role, BlockedThreads.Body body) {
		return this.threads.start(role, body);
	}

	private List<Thread> started(String role) {
		return this.threads.started(role);
	}

	private static ThreadLeakReport last(List<ThreadLeakReport> reports) {
		return reports.get(reports.size() - 1);
	}

	/**
	 * A benign workload, moved on one step before each sample and left where a sample
	 * should find it.
	 */
	private interface Workload {

		void step() throws Exception;

		/** The normalized name of the workload's threads. */
		String groupName();

	}

	/**
	 * A fixed pool of 20: the first request starts one worker; at the fourth sample a
	 * burst starts the rest at once.
	 */
	private final class WarmingPool implements Workload {

		static final int BURST_AT = 4;

		private final ThreadPoolExecutor pool = fixedPool(20, "warming-pool");

		private int step;

		@Override
		public void step() throws Exception {
			this.step++;
			if (this.step == 1) {
				this.pool.submit(() -> "first request").get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
			}
			else if (this.step == BURST_AT) {
				this.pool.prestartAllCoreThreads();
			}
			BlockedThreads.awaitState(started("warming-pool"), WAITING, CONDITION_AWAIT);
		}

		@Override
		public String groupName() {
			return NAME_PREFIX + "warming-pool-#";
		}

	}

	/**
	 * A thread per task, one more task in flight at each sample than at the one before:
	 * every sample finds the previous tasks' threads ended and the new ones waiting for
	 * their work.
	 */
	private final class ThreadPerTask implements Workload {

		private final List<Thread> inFlight = new ArrayList<>();

		private CountDownLatch workArrived = new CountDownLatch(0);

		@Override
		public void step() {
			this.workArrived.countDown();
			BlockedThreads.awaitEnded(this.inFlight);
			int tasks = this.inFlight.size() + 1;
			this.inFlight.clear();
			this.workArrived = new CountDownLatch(1);
			CountDownLatch work = this.workArrived;
			for (int i = 0; i < tasks; i++) {
				this.inFlight.add(start("task", work::await));
			}
			BlockedThreads.awaitState(this.inFlight, WAITING);
		}

		@Override
		public String groupName() {
			return NAME_PREFIX + "task-#";
		}

	}

	/**
	 * A cached pool under bursts: 6 concurrent requests, then 12, a quiet step, and then
	 * its idle workers time out, over and over. Its count rises on half the steps but
	 * falls back to nothing every fourth.
	 */
	private final class BurstyCachedPool implements Workload {

		private final ThreadPoolExecutor pool = shutDownOnClose(
				(ThreadPoolExecutor) Executors.newCachedThreadPool(factory("cached-pool")));

		private int step;

		@Override
		public void step() throws Exception {
			switch (this.step++ % 4) {
				case 0 -> burst(6);
				case 1 -> burst(12);
				case 2 -> {
					// Quiet: the idle workers wait for their keep-alive to run out.
				}
				default -> shrink();
			}
		}

		/**
		 * Runs {@code requests} tasks at once, so that the pool holds that many workers,
		 * then lets them idle.
		 */
		private void burst(int requests) throws Exception {
			CountDownLatch allRunning = new CountDownLatch(requests);
			List<Future<?>> tasks = new ArrayList<>();
			for (int i = 0; i < requests; i++) {
				tasks.add(this.pool.submit(() -> {
					allRunning.countDown();
					allRunning.await();
					return null;
				}));
			}
			for (Future<?> task : tasks) {
				task.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
			}
			List<Thread> workers = started("cached-pool");
			BlockedThreads.await(() -> requests + " idle workers of the cached pool",
					() -> workers.stream()
						.filter((worker) -> worker.getState() == TIMED_WAITING)
						.count() == requests && workers.stream()
							.allMatch(
									(worker) -> worker.getState() == TIMED_WAITING || worker.getState() == TERMINATED));
		}

		/**
		 * Lets the idle workers time out at once, as a keep-alive would after a quiet
		 * spell, then restores it.
		 */
		private void shrink() {
			this.pool.setKeepAliveTime(1, TimeUnit.NANOSECONDS);
			BlockedThreads.awaitEnded(started("cached-pool"));
			this.pool.setKeepAliveTime(60, TimeUnit.SECONDS);
		}

		@Override
		public String groupName() {
			return NAME_PREFIX + "cached-pool-#";
		}

	}

	/** A fixed pool of 200 started at once and idle from then on. */
	private final class StablePool implements Workload {

		static final int SIZE = 200;

		private final ThreadPoolExecutor pool = fixedPool(SIZE, "stable-pool");

		@Override
		public void step() {
			this.pool.prestartAllCoreThreads();
			BlockedThreads.awaitState(started("stable-pool"), WAITING, CONDITION_AWAIT);
		}

		@Override
		public String groupName() {
			return NAME_PREFIX + "stable-pool-#";
		}

	}

	/**
	 * A pool sized to its load, which rises by one request per step: each step adds a
	 * worker and every worker takes one of that step's requests, so the pool grows on
	 * every step while its members keep moving.
	 */
	private final class RampOfLoad implements Workload {

		private final ThreadPoolExecutor pool = shutDownOnClose(
				new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory("ramp-pool")));

		private int load;

		@Override
		public void step() throws Exception {
			this.load++;
			this.pool.setMaximumPoolSize(this.load);
			this.pool.setCorePoolSize(this.load);
			// Each request waits until all of the step's requests run, so every worker
			// takes exactly one.
			CountDownLatch allRunning = new CountDownLatch(this.load);
			List<Future<?>> requests = new ArrayList<>();
			for (int i = 0; i < this.load; i++) {
				requests.add(this.pool.submit(() -> {
					allRunning.countDown();
					allRunning.await();
					return null;
				}));
			}
			for (Future<?> request : requests) {
				request.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
			}
			BlockedThreads.awaitState(started("ramp-pool"), WAITING, CONDITION_AWAIT);
		}

		@Override
		public String groupName() {
			return NAME_PREFIX + "ramp-pool-#";
		}

	}

}
