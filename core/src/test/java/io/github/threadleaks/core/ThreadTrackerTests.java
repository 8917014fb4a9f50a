package io.github.threadleaks.core;

import java.time.Duration;
import java.util.List;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the engine asks of its source: stacks only for new or moved threads. A synthetic
 * source counts the requests and sets CPU time and lock owners exactly, which real
 * threads cannot be made to do on demand.
 */
class ThreadTrackerTests {

	// Synthetic ids start at 1001, above the test runner's own threads, which the engine
	// would take for itself.

	private final ManualClock clock = new ManualClock();

	private final SyntheticThreadSource source = new SyntheticThreadSource();

	/** Stuck after one still sample: these tests are about stillness itself. */
	private final ThreadLeakMonitor monitor = new ThreadLeakMonitor(
			ThreadLeaksSettings.builder().window(5).minStillSamples(1).build(), this.source, this.clock);

	@Test
	void stillThreadsCostACensusOnly() {
		for (long id = 1001; id <= 1100; id++) {
			this.source.put(id, "parked-" + id, Thread.State.WAITING, "jdk.internal.misc.Unsafe.park",
					"com.example.A.run");
		}
		assertThat(tick().stacksWalked()).isEqualTo(100);
		assertThat(tick().stacksWalked()).isZero();
		assertThat(this.source.stacksWalked).isEqualTo(100);
		this.source.wake(1007).wake(1008);
		this.source.put(1101, "parked-101", Thread.State.WAITING, "jdk.internal.misc.Unsafe.park", "com.example.A.run");
		assertThat(tick().stacksWalked()).as("two woke up, one is new").isEqualTo(3);
	}

	@Test
	void stillnessIsMeasuredPerThreadAndShownAsStuckTime() {
		this.source.put(1001, "worker-1", Thread.State.WAITING, "com.example.Queue.take");
		this.source.put(1002, "worker-2", Thread.State.WAITING, "com.example.Queue.take");
		tick();
		tick();
		this.source.wake(1002);
		ThreadLeakReport report = tick();
		StackGroupReport group = report.groups().get(0);
		assertThat(group.stuck()).isEqualTo(1);
		assertThat(group.stuckForMillis()).isEqualTo(20_000);
		GroupDetail detail = this.monitor.group(group.id()).orElseThrow();
		assertThat(detail.threads()).extracting(MemberThread::name, MemberThread::stuckForMillis)
			.containsExactly(Tuple.tuple("worker-1", 20_000L), Tuple.tuple("worker-2", 0L));
	}

	@Test
	void aRunnableThreadIsStillWhileItsCpuTimeStandsWithoutAStackWalk() {
		runnable(1001, 5_000);
		tick();
		runnable(1001, 5_000);
		ThreadLeakReport report = tick();
		assertThat(report.groups().get(0).stuck()).as("no CPU used: blocked in native code").isEqualTo(1);
		assertThat(report.stacksWalked()).isZero();
	}

	@Test
	void aRunnableThreadUsingUnderOnePercentOfTheIntervalOnTheSameStackIsStill() {
		runnable(1001, 5_000);
		tick();
		// 99 ms of CPU in 10 s: an idle event loop waking on its timers.
		runnable(1001, 5_000 + 99_000_000);
		ThreadLeakReport report = tick();
		assertThat(report.stacksWalked()).as("a little CPU: the stack must show it did not move").isEqualTo(1);
		assertThat(report.groups().get(0).stuck()).isEqualTo(1);
		runnable(1001, 5_000 + 99_000_000 + 101_000_000);
		report = tick();
		assertThat(report.groups().get(0).stuck()).as("over 1%% of the interval: working").isZero();
	}

	@Test
	void aRunnableThreadUsingLittleCpuOnAnotherStackHasMoved() {
		runnable(1001, 5_000);
		tick();
		this.source.put(1001, "reader", Thread.State.RUNNABLE, "sun.nio.ch.EPoll.wait", "com.example.Loop.run");
		runnable(1001, 6_000);
		ThreadLeakReport report = tick();
		assertThat(report.groups()).singleElement().satisfies((group) -> {
			assertThat(group.stuck()).isZero();
			assertThat(group.topFrame()).startsWith("sun.nio.ch.EPoll.wait(");
		});
	}

	@Test
	void theCpuShareIsASettingAndZeroMeansNoCpuAtAll() {
		ThreadLeakMonitor strict = new ThreadLeakMonitor(
				ThreadLeaksSettings.builder().window(5).maxStillCpuShare(0).build(), this.source, this.clock);
		runnable(1001, 5_000);
		this.clock.advance(Duration.ofSeconds(10));
		strict.sample();
		runnable(1001, 6_000);
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(strict.sample().groups().get(0).stuck()).isZero();
	}

	@Test
	void aMemberCountsAsStuckOnlyAfterSittingStillForMinStillSamples() {
		ThreadLeakMonitor threeSamples = new ThreadLeakMonitor(ThreadLeaksSettings.builder().window(5).build(),
				this.source, this.clock);
		this.source.put(1001, "worker-1", Thread.State.WAITING, "com.example.Queue.take");
		tick(threeSamples);
		this.source.put(1002, "worker-2", Thread.State.WAITING, "com.example.Queue.take");
		tick(threeSamples);
		tick(threeSamples);
		StackGroupReport group = tick(threeSamples).groups().get(0);
		assertThat(group.stuck()).as("both sat still since the previous sample, one for 3 samples").isEqualTo(1);
		assertThat(group.explanation()).as("only worker-1 has sat still for 3 samples")
			.isEqualTo("2 threads WAITING, oldest stuck 30s, 1 of 2 stuck for >= 3 samples");
	}

	@Test
	void withoutCpuTimeARunnableThreadIsWalkedEverySampleAndStillOnlyOnTheSameStack() {
		runnable(1001, -1);
		tick();
		ThreadLeakReport report = tick();
		assertThat(report.stacksWalked()).isEqualTo(1);
		assertThat(report.groups().get(0).stuck()).isEqualTo(1);
	}

	@Test
	void ignoreRulesLeaveThreadsOutByNameTopFrameOrAnyFrame() {
		ThreadLeakMonitor filtered = new ThreadLeakMonitor(ThreadLeaksSettings.builder()
			.ignoredThreadNames(List.of("grpc-.*"))
			.ignoredTopFrames(List.of("com\\.example\\.Idle\\.wait"))
			.ignoredAnyFrames(List.of("org\\.example\\.Framework\\..*"))
			.build(), this.source, this.clock);
		this.source.put(1001, "grpc-default-executor-0", Thread.State.WAITING, "com.example.Queue.take");
		this.source.put(1002, "idle", Thread.State.WAITING, "com.example.Idle.wait", "com.example.Main.run");
		this.source.put(1003, "fw", Thread.State.WAITING, "com.example.Queue.take", "org.example.Framework.loop");
		this.source.put(1004, "kept", Thread.State.WAITING, "com.example.Queue.take", "com.example.Idle.wait");
		ThreadLeakReport report = filtered.sample();
		assertThat(report.groups()).extracting(StackGroupReport::name).containsExactly("kept");
		assertThat(report.threads()).as("ignored threads are still live threads").isEqualTo(4);
		assertThat(this.source.stacksWalked).as("a name rule needs no stack").isEqualTo(3);
	}

	@Test
	void theSamplingThreadNeverReportsItself() {
		@SuppressWarnings("deprecation")
		long self = Thread.currentThread().getId();
		this.source.put(self, "sampler", Thread.State.RUNNABLE, "io.github.threadleaks.core.ThreadLeakMonitor.sample");
		this.source.put(self + 1, "other", Thread.State.WAITING, "com.example.Queue.take");
		ThreadLeakReport report = tick();
		assertThat(report.groups()).extracting(StackGroupReport::name).containsExactly("other");
		assertThat(report.threads()).isEqualTo(2);
	}

	@Test
	void deadlocksAreConfirmedByTheJvmOnlyWhenTheCensusShowsACycle() {
		this.source.update(new ThreadCensus(1001, "a", Thread.State.BLOCKED, false, "L2", 1002, "b", 0, 1, -1));
		this.source.update(new ThreadCensus(1002, "b", Thread.State.BLOCKED, false, "L1", 1003, "c", 0, 1, -1));
		this.source.update(new ThreadCensus(1003, "c", Thread.State.WAITING, false, null, -1, null, 1, 0, -1));
		this.source.deadlocked(1001, 1002);
		assertThat(tick().deadlockedThreads()).as("a chain, not a cycle: the JVM is not asked").isEmpty();
		this.source.update(new ThreadCensus(1003, "c", Thread.State.BLOCKED, false, "L3", 1001, "a", 1, 1, -1));
		this.source.deadlocked(1001, 1002, 1003);
		assertThat(tick().deadlockedThreads()).containsExactly(1001L, 1002L, 1003L);
	}

	@Test
	void aLockOwnerThatEndedIsReportedAsNotAlive() {
		this.source.put(1001, "waiter", Thread.State.WAITING, "com.example.Lock.lock");
		this.source.update(new ThreadCensus(1001, "waiter", Thread.State.WAITING, false,
				"java.util.concurrent.locks.ReentrantLock$NonfairSync@1", 99, "gone", 1, 0, -1));
		StackGroupReport group = tick().groups().get(0);
		assertThat(group.lock())
			.isEqualTo(new LockReport("java.util.concurrent.locks.ReentrantLock$NonfairSync@1", 99, "gone", false));
		assertThat(group.explanation()).contains("lock owned by \"gone\", which has ended without unlocking it");
	}

	/**
	 * Walks slow beyond the budget (on a time source the test moves): busy threads are
	 * not walked while one batch costs more than the budget, and keep their group
	 * meanwhile; new and possibly still threads always are; and the verdicts, sample
	 * after sample, are the same as without a budget.
	 */
	@Test
	void walksBeyondTheBudgetAreDeferredWithoutChangingAnyVerdict() {
		long[] nanos = { 0 };
		SyntheticThreadSource slowSource = new SyntheticThreadSource();
		slowSource.onStacks = () -> nanos[0] += Duration.ofMillis(30).toNanos();
		ThreadLeaksSettings settings = ThreadLeaksSettings.builder().window(5).minGrowth(4).minRiseShare(0.5).build();
		ThreadLeakMonitor slow = new ThreadLeakMonitor(settings, slowSource, this.clock, CreationSites.NONE,
				() -> nanos[0]);
		ThreadLeakMonitor unbounded = new ThreadLeakMonitor(settings, this.source, this.clock, CreationSites.NONE,
				() -> 0L);
		for (SyntheticThreadSource each : List.of(slowSource, this.source)) {
			for (long id = 2001; id <= 2040; id++) {
				each.put(id, "busy-" + id, Thread.State.RUNNABLE, "com.example.Busy.spin");
			}
		}
		int deferredInAll = 0;
		for (int sample = 1; sample <= 12; sample++) {
			for (SyntheticThreadSource each : List.of(slowSource, this.source)) {
				// Two leaked threads per sample, and every busy thread has used a whole
				// core since the last.
				each.put(1000 + 2 * sample, "leaked-" + sample, Thread.State.WAITING, "com.example.Queue.take");
				each.put(1001 + 2 * sample, "leaked-" + sample, Thread.State.WAITING, "com.example.Queue.take");
				for (long id = 2001; id <= 2040; id++) {
					ThreadCensus c = each.census(id);
					each.update(new ThreadCensus(id, c.name(), c.state(), c.daemon(), null, -1, null, 0, 0,
							sample * 10_000_000_000L));
				}
			}
			this.clock.advance(Duration.ofSeconds(10));
			ThreadLeakReport bounded = slow.sample();
			ThreadLeakReport reference = unbounded.sample();
			deferredInAll += bounded.stacksDeferred();
			assertThat(reference.stacksDeferred()).isZero();
			assertThat(bounded.suspects()).as("suspects at sample %d", sample)
				.extracting(StackGroupReport::id, StackGroupReport::count)
				.containsExactlyElementsOf(
						reference.suspects().stream().map((group) -> Tuple.tuple(group.id(), group.count())).toList());
			if (sample == 1) {
				assertThat(bounded.stacksWalked()).as("new threads are always walked").isEqualTo(42);
				assertThat(bounded.stacksDeferred()).isZero();
			}
			else if (sample < ThreadTracker.RETRY_SAMPLES) {
				assertThat(bounded.stacksWalked()).as("the two new leaked threads").isEqualTo(2);
				assertThat(bounded.stacksDeferred()).as("busy threads, while a walk costs more than the budget")
					.isEqualTo(40);
			}
		}
		assertThat(deferredInAll).isPositive();
		assertThat(unbounded.report().suspects()).extracting(StackGroupReport::name).containsExactly("leaked-#");
	}

	private void runnable(long id, long cpuTimeNanos) {
		if (this.source.census(id) == null) {
			this.source.put(id, "reader", Thread.State.RUNNABLE, "sun.nio.ch.SocketDispatcher.read0");
		}
		ThreadCensus c = this.source.census(id);
		this.source.update(new ThreadCensus(id, c.name(), c.state(), c.daemon(), null, -1, null, 0, 0, cpuTimeNanos));
	}

	private ThreadLeakReport tick() {
		return tick(this.monitor);
	}

	private ThreadLeakReport tick(ThreadLeakMonitor monitor) {
		this.clock.advance(Duration.ofSeconds(10));
		return monitor.sample();
	}

}
