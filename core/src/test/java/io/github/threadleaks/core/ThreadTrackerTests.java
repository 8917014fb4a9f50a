package io.github.threadleaks.core;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the engine asks of its source: stacks only for new or moved threads. A synthetic source counts the
 * requests and sets CPU time and lock owners exactly, which real threads cannot be made to do on demand.
 */
class ThreadTrackerTests {

	// Synthetic ids start at 1001, above the test runner's own threads, which the engine would take for itself.

	private final ManualClock clock = new ManualClock();

	private final SyntheticThreadSource source = new SyntheticThreadSource();

	private final ThreadLeakMonitor monitor = new ThreadLeakMonitor(ThreadLeaksSettings.builder().window(5).build(),
			this.source, this.clock);

	@Test
	void stillThreadsCostACensusOnly() {
		for (long id = 1001; id <= 1100; id++) {
			this.source.put(id, "parked-" + id, Thread.State.WAITING, "jdk.internal.misc.Unsafe.park", "com.example.A.run");
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
			.containsExactly(org.assertj.core.groups.Tuple.tuple("worker-1", 20_000L),
					org.assertj.core.groups.Tuple.tuple("worker-2", 0L));
	}

	@Test
	void aRunnableThreadIsStillOnlyWhileItsCpuTimeStands() {
		runnable(1001, 5_000);
		tick();
		runnable(1001, 5_000);
		assertThat(tick().groups().get(0).stuck()).as("no CPU used: blocked in native code").isEqualTo(1);
		runnable(1001, 9_000);
		ThreadLeakReport report = tick();
		assertThat(report.stacksWalked()).isEqualTo(1);
		assertThat(report.groups().get(0).stuck()).isZero();
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
		assertThat(group.lock()).isEqualTo(new LockReport("java.util.concurrent.locks.ReentrantLock$NonfairSync@1",
				99, "gone", false));
		assertThat(group.explanation()).contains("lock owned by \"gone\", which has ended without unlocking it");
	}

	private void runnable(long id, long cpuTimeNanos) {
		if (this.source.census(id) == null) {
			this.source.put(id, "reader", Thread.State.RUNNABLE, "sun.nio.ch.SocketDispatcher.read0");
		}
		ThreadCensus c = this.source.census(id);
		this.source.update(new ThreadCensus(id, c.name(), c.state(), c.daemon(), null, -1, null, 0, 0, cpuTimeNanos));
	}

	private ThreadLeakReport tick() {
		this.clock.advance(Duration.ofSeconds(10));
		return this.monitor.sample();
	}

}
