package io.github.threadleaks.core;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bounded memory under thread churn. A synthetic source stands in for threads here: 100k
 * distinct stacks are more platform threads than a test machine can hold, and only the
 * grouping and eviction are under test.
 */
class EvictionTests {

	/**
	 * Far above real thread ids, so no synthetic thread is mistaken for the sampling
	 * thread.
	 */
	private static final long FIRST_ID = 1_000_000;

	private final ManualClock clock = new ManualClock();

	private final SyntheticThreadSource source = new SyntheticThreadSource();

	@Test
	void trackedGroupsNeverExceedMaxGroupsUnderChurnOf100kStacks() {
		ThreadLeakMonitor monitor = monitor(ThreadLeaksSettings.builder().window(5).maxGroups(50).build());
		long id = FIRST_ID;
		int maxTracked = 0;
		for (int sample = 0; sample < 1000; sample++) {
			// Each sample: 100 short-lived threads, each in a stack never seen before,
			// replacing the last ones.
			for (long old = id - 100; old < id; old++) {
				this.source.remove(old);
			}
			for (int i = 0; i < 100; i++, id++) {
				this.source.put(id, "churn-" + id, Thread.State.WAITING, "com.example.Task" + id + ".run");
			}
			ThreadLeakReport report = tick(monitor);
			maxTracked = Math.max(maxTracked, report.trackedGroups());
			assertThat(report.groups()).hasSizeLessThanOrEqualTo(50);
			assertThat(report.untrackedThreads()).isEqualTo(50);
		}
		assertThat(id - FIRST_ID).isEqualTo(100_000);
		assertThat(maxTracked).isEqualTo(50);
	}

	@Test
	void aWideSingleSampleAdmitsTheLargestGroups() {
		ThreadLeakMonitor monitor = monitor(ThreadLeaksSettings.builder().window(5).maxGroups(2).build());
		long id = FIRST_ID;
		for (int size = 1; size <= 4; size++) {
			for (int i = 0; i < size; i++) {
				this.source.put(id++, "size" + size + "-member", Thread.State.WAITING,
						"com.example.Size" + size + ".run");
			}
		}
		ThreadLeakReport report = tick(monitor);
		assertThat(report.groups()).extracting(StackGroupReport::count).containsExactly(4, 3);
		assertThat(report.untrackedThreads()).isEqualTo(3);
	}

	@Test
	void suspectsOutliveEvictionWhileSmallerGroupsGo() {
		ThreadLeakMonitor monitor = monitor(ThreadLeaksSettings.builder().window(4).minGrowth(2).maxGroups(3).build());
		long leakId = FIRST_ID + 1_000_000;
		// Five samples: two members judged (in the group for 3 samples) at the last.
		for (int sample = 0; sample < 5; sample++) {
			this.source.put(leakId++, "leak", Thread.State.WAITING, "com.example.Leak.run");
			tick(monitor);
		}
		assertThat(monitor.report().suspects()).singleElement()
			.satisfies((group) -> assertThat(group.name()).isEqualTo("leak"));
		// Now many bigger, newer groups compete for the three places.
		long id = FIRST_ID;
		for (int group = 0; group < 20; group++) {
			for (int i = 0; i < 10; i++) {
				this.source.put(id++, "big" + (char) ('a' + group), Thread.State.WAITING,
						"com.example.Big" + group + ".run");
			}
		}
		ThreadLeakReport report = tick(monitor);
		assertThat(report.trackedGroups()).isEqualTo(3);
		assertThat(report.suspects()).singleElement().satisfies((group) -> assertThat(group.name()).isEqualTo("leak"));
	}

	@Test
	void groupsGoneForAWholeWindowAreForgotten() {
		ThreadLeakMonitor monitor = monitor(ThreadLeaksSettings.builder().window(3).build());
		this.source.put(FIRST_ID, "short-lived", Thread.State.WAITING, "com.example.Task.run");
		assertThat(tick(monitor).trackedGroups()).isEqualTo(1);
		this.source.remove(FIRST_ID);
		assertThat(tick(monitor).trackedGroups()).as("kept while it may come back").isEqualTo(1);
		assertThat(tick(monitor).groups()).as("absent groups are not reported").isEmpty();
		assertThat(tick(monitor).trackedGroups()).isZero();
	}

	private ThreadLeakMonitor monitor(ThreadLeaksSettings settings) {
		return new ThreadLeakMonitor(settings, this.source, this.clock);
	}

	private ThreadLeakReport tick(ThreadLeakMonitor monitor) {
		this.clock.advance(Duration.ofSeconds(10));
		return monitor.sample();
	}

}
