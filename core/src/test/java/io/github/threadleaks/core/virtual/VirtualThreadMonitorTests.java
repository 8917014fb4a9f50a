package io.github.threadleaks.core.virtual;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.threadleaks.core.LeakStatus;
import io.github.threadleaks.core.ManualClock;
import io.github.threadleaks.core.StackFrame;
import io.github.threadleaks.core.StackGroupReport;
import io.github.threadleaks.core.SyntheticThreadSource;
import io.github.threadleaks.core.ThreadCensus;
import io.github.threadleaks.core.ThreadLeakListener;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.ThreadLeakReport;
import io.github.threadleaks.core.ThreadLeaksSettings;
import io.github.threadleaks.core.ThreadSource;
import io.github.threadleaks.core.VirtualThreadsReport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The virtual threads' monitor combined with the platform monitor where the report is
 * read, and its back-off. The virtual threads here are synthetic (a source whose threads
 * have a container, as the JVM's dump gives them): these tests run on JDK 17 too, where
 * no virtual thread can be started. Real ones are in {@link VirtualThreadLeakTests}.
 */
class VirtualThreadMonitorTests {

	private static final ThreadLeaksSettings SETTINGS = ThreadLeaksSettings.builder().window(5).minGrowth(4).build();

	private static final VirtualThreadSettings VIRTUAL = VirtualThreadSettings.builder()
		.enabled(true)
		.interval(Duration.ofSeconds(30))
		.maxSampleTime(Duration.ofSeconds(1))
		.maxInterval(Duration.ofMinutes(4))
		.build();

	private static final String CONTAINER = "java.util.concurrent.ThreadPerTaskExecutor";

	private final ManualClock clock = new ManualClock();

	private final SyntheticThreadSource virtualThreads = new SyntheticThreadSource();

	private final SyntheticThreadSource platformThreads = new SyntheticThreadSource().put(7001, "worker-1",
			Thread.State.WAITING, "java.lang.Object.wait", "com.example.Worker.run");

	@Test
	void virtualGroupsAreReportedJudgedAndHeardOfThroughThePlatformAndVirtualMonitors() {
		VirtualThreadMonitor virtual = new VirtualThreadMonitor(SETTINGS, VIRTUAL, inContainer(this.virtualThreads),
				this.clock);
		ThreadLeakMonitor platformThreads = new ThreadLeakMonitor(SETTINGS, this.platformThreads, this.clock);
		PlatformAndVirtualMonitors platform = new PlatformAndVirtualMonitors(platformThreads, virtual);
		List<StackGroupReport> heard = new ArrayList<>();
		platform.addListener(new ThreadLeakListener() {

			@Override
			public void suspected(StackGroupReport group) {
				heard.add(group);
			}

		});
		long id = 100;
		for (int step = 0; step < 5; step++) {
			for (int i = 0; i < 3; i++) {
				this.virtualThreads.put(id++, "", Thread.State.WAITING, "java.lang.VirtualThread.park",
						"java.util.concurrent.SynchronousQueue.put", "com.example.Fan.send");
			}
			virtual.sample();
			platformThreads.sample();
			this.clock.advance(VIRTUAL.interval().orElseThrow());
		}
		ThreadLeakReport report = platform.report();
		assertThat(report.status()).isEqualTo(LeakStatus.LEAK_SUSPECTED);
		assertThat(report.threads()).as("live platform threads").isEqualTo(1);
		assertThat(report.groups()).hasSize(2);
		StackGroupReport suspect = report.suspects().get(0);
		assertThat(suspect.virtual()).isTrue();
		assertThat(suspect.container()).isEqualTo(CONTAINER);
		assertThat(suspect.name()).as("an unnamed virtual thread's group is named after its container")
			.isEqualTo(CONTAINER);
		assertThat(suspect.count()).isEqualTo(15);
		assertThat(heard).extracting(StackGroupReport::id).containsExactly(suspect.id());
		assertThat(platform.group(suspect.id()))
			.hasValueSatisfying((detail) -> assertThat(detail.threads()).hasSize(15));
		assertThat(report.groups()).filteredOn((group) -> !group.virtual())
			.singleElement()
			.satisfies((group) -> assertThat(group.container()).isNull());
		assertThat(report.virtualThreads().status()).isEqualTo(VirtualThreadsReport.Status.AVAILABLE);
		assertThat(report.virtualThreads().samples()).isEqualTo(5);
		assertThat(report.virtualThreads().threads()).isEqualTo(15);
	}

	@Test
	void theIntervalDoublesOverBudgetUpToItsLongestAndHalvesBackWithinHalfOfIt() {
		VirtualThreadMonitor virtual = new VirtualThreadMonitor(SETTINGS, VIRTUAL, inContainer(this.virtualThreads),
				this.clock);
		long base = VIRTUAL.interval().orElseThrow().toMillis();
		assertThat(virtual.nextInterval(base, 1500)).isEqualTo(2 * base);
		assertThat(virtual.nextInterval(4 * base, 1500)).isEqualTo(VIRTUAL.maxInterval().toMillis());
		assertThat(virtual.nextInterval(4 * base, 800)).as("within budget, above half: kept").isEqualTo(4 * base);
		assertThat(virtual.nextInterval(4 * base, 400)).isEqualTo(2 * base);
		assertThat(virtual.nextInterval(base, 10)).isEqualTo(base);
	}

	@Test
	void theReportSaysWhenTheIntervalIsStretched() {
		// A dump that takes longer than its budget, with the budget at its smallest.
		VirtualThreadSettings tight = VirtualThreadSettings.builder()
			.enabled(true)
			.maxSampleTime(VirtualThreadSettings.MIN_MAX_SAMPLE_TIME)
			.build();
		ThreadSource slow = new ThreadSource() {

			@Override
			public List<ThreadCensus> census() {
				long until = System.nanoTime() + Duration.ofMillis(5).toNanos();
				while (System.nanoTime() < until) {
					Thread.onSpinWait();
				}
				return List.of();
			}

			@Override
			public Map<Long, List<StackFrame>> stacks(long[] threadIds, int maxDepth) {
				return Map.of();
			}

		};
		VirtualThreadMonitor virtual = new VirtualThreadMonitor(SETTINGS, tight, slow, this.clock);
		virtual.sample();
		VirtualThreadsReport status = virtual.status();
		assertThat(status.backedOff()).isTrue();
		assertThat(status.intervalMillis()).isEqualTo(2 * tight.intervalBeside(SETTINGS).toMillis());
		assertThat(status.lastSampleMillis()).isGreaterThanOrEqualTo(5);
	}

	@Test
	void readersOfAMonitorWithVirtualThreadsTurnedOffGetOneCombinedReportPerSample() {
		ThreadLeakMonitor platform = new ThreadLeakMonitor(SETTINGS, this.platformThreads, this.clock);
		PlatformAndVirtualMonitors reports = new PlatformAndVirtualMonitors(platform,
				VirtualThreadMonitor.of(SETTINGS, VirtualThreadSettings.builder().enabled(false).build()));
		List<ThreadLeakReport> heard = new ArrayList<>();
		reports.addListener(new ThreadLeakListener() {

			@Override
			public void sampled(ThreadLeakReport report) {
				heard.add(report);
			}

		});
		platform.sample();
		assertThat(heard).singleElement().isSameAs(reports.report());
		assertThat(reports.report()).isSameAs(reports.report());
		assertThat(reports.report().virtualThreads().status()).isEqualTo(VirtualThreadsReport.Status.DISABLED);
	}

	@Test
	void whileDumpsAreBackedOffTheEvidenceSaysHowLongItsPointsReallyWere() {
		// Every dump takes longer than the smallest budget, so each one doubles the
		// interval.
		VirtualThreadSettings tight = VirtualThreadSettings.builder()
			.enabled(true)
			.interval(Duration.ofSeconds(30))
			.maxSampleTime(VirtualThreadSettings.MIN_MAX_SAMPLE_TIME)
			.maxInterval(Duration.ofMinutes(4))
			.build();
		ThreadSource slow = slow(inContainer(this.virtualThreads));
		VirtualThreadMonitor virtual = new VirtualThreadMonitor(SETTINGS, tight, slow, this.clock);
		long id = 100;
		long stepsMillis = 0;
		for (int step = 0; step < 5; step++) {
			for (int i = 0; i < 3; i++) {
				this.virtualThreads.put(id++, "", Thread.State.WAITING, "java.lang.VirtualThread.park",
						"java.util.concurrent.SynchronousQueue.put", "com.example.Fan.send");
			}
			virtual.sample();
			if (step < 4) {
				// The next dump comes when the sampling loop would take it: after the
				// backed-off interval.
				long interval = virtual.status().intervalMillis();
				this.clock.advance(Duration.ofMillis(interval));
				stepsMillis += interval;
			}
		}
		assertThat(virtual.status().backedOff()).isTrue();
		StackGroupReport suspect = virtual.report().suspects().get(0);
		long pointMillis = stepsMillis / 4;
		assertThat(pointMillis).as("backed off: 60s, 120s, then 240s twice").isEqualTo(165_000);
		assertThat(suspect.evidence().pointMillis()).isEqualTo(pointMillis);
		assertThat(suspect.explanation()).contains("over 5 points of 2m45s,");
	}

	/**
	 * The given source, taking at least 5 ms for each census: longer than the smallest
	 * budget.
	 */
	private static ThreadSource slow(ThreadSource threads) {
		return new ThreadSource() {

			@Override
			public List<ThreadCensus> census() {
				long until = System.nanoTime() + Duration.ofMillis(5).toNanos();
				while (System.nanoTime() < until) {
					Thread.onSpinWait();
				}
				return threads.census();
			}

			@Override
			public Map<Long, List<StackFrame>> stacks(long[] threadIds, int maxDepth) {
				return threads.stacks(threadIds, maxDepth);
			}

			@Override
			public @Nullable String container(long threadId) {
				return threads.container(threadId);
			}

		};
	}

	/** The synthetic threads as virtual threads of one executor. */
	private static ThreadSource inContainer(SyntheticThreadSource threads) {
		return new ThreadSource() {

			@Override
			public List<ThreadCensus> census() {
				return threads.census();
			}

			@Override
			public Map<Long, List<StackFrame>> stacks(long[] threadIds, int maxDepth) {
				return threads.stacks(threadIds, maxDepth);
			}

			@Override
			public @Nullable String container(long threadId) {
				return CONTAINER;
			}

		};
	}

}
