package io.github.threadleaks.core;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine over this JVM's real threads, on a clock that moves one sample interval per
 * sample: tests take each sample when the threads are where they want them, so every
 * figure in the report is exact.
 */
final class SteppedMonitor {

	/**
	 * A window short enough for a test to drive: 8 samples of 10s, a growth of 4 threads,
	 * rises on half of the 7 steps (4), and the default share of members that must sit
	 * still (0.9).
	 */
	static final ThreadLeaksSettings SMALL_WINDOW = ThreadLeaksSettings.builder()
		.window(8)
		.minGrowth(4)
		.minRiseShare(0.5)
		.build();

	/** What a user sets to see a leak within seconds: 500 ms, window 10, growth 6. */
	static final ThreadLeaksSettings FAST = ThreadLeaksSettings.builder()
		.sampleInterval(Duration.ofMillis(500))
		.window(10)
		.minGrowth(6)
		.build();

	private final ManualClock clock = new ManualClock();

	private final ThreadLeakMonitor monitor;

	SteppedMonitor() {
		this(SMALL_WINDOW);
	}

	SteppedMonitor(ThreadLeaksSettings settings) {
		this.monitor = new ThreadLeakMonitor(settings, new JvmThreadSource(), this.clock);
	}

	/** Moves the clock one interval on and takes a sample. */
	ThreadLeakReport sample() {
		this.clock.advance(this.monitor.settings().sampleInterval());
		return this.monitor.sample();
	}

	/** Takes a sample and checks that no group at all is suspected. */
	ThreadLeakReport sampleWithoutSuspects() {
		ThreadLeakReport report = sample();
		assertThat(report.suspects()).as("suspects at sample %d", report.samples()).isEmpty();
		assertThat(report.status()).isEqualTo(LeakStatus.OK);
		return report;
	}

	ThreadLeakMonitor monitor() {
		return this.monitor;
	}

	/** The names of the members of a group, sorted. */
	List<String> memberNames(StackGroupReport group) {
		return this.monitor.group(group.id())
			.orElseThrow()
			.threads()
			.stream()
			.map(MemberThread::name)
			.sorted()
			.toList();
	}

	/**
	 * The one group of the report with this normalized name; fails if there is none or
	 * more than one.
	 */
	static StackGroupReport groupNamed(ThreadLeakReport report, String name) {
		List<StackGroupReport> named = report.groups().stream().filter((group) -> group.name().equals(name)).toList();
		assertThat(named).as("groups named %s in %s", name, report.groups()).hasSize(1);
		return named.get(0);
	}

}
