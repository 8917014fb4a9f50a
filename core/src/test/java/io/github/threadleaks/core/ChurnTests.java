package io.github.threadleaks.core;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bounded memory under churn of real threads: every thread has a name and a stack never
 * seen before, so every sample brings groups the monitor has never tracked.
 * {@link ChurnSoak} runs the same to 100,000 groups.
 */
class ChurnTests {

	private static final int MAX_GROUPS = 20;

	private static final int BATCH = 12;

	private final ChurningThreads churn = new ChurningThreads();

	private final ManualClock clock = new ManualClock();

	@AfterEach
	void endChurn() {
		this.churn.endBatch();
	}

	@Test
	void trackedGroupsAndReportStayWithinMaxGroupsWhileEveryThreadIsNew() {
		ThreadLeakMonitor monitor = new ThreadLeakMonitor(ThreadLeaksSettings.builder()
			.window(3)
			.maxGroups(MAX_GROUPS)
			.ignoredThreadNames(List.of("(?!" + ChurningThreads.NAME_PREFIX + ").*"))
			.build(), new JvmThreadSource(), this.clock);
		Set<String> ids = new HashSet<>();
		for (int round = 0; round < 25; round++) {
			this.churn.startBatch(BATCH);
			this.clock.advance(Duration.ofSeconds(10));
			ThreadLeakReport report = monitor.sample();
			assertThat(report.trackedGroups()).isLessThanOrEqualTo(MAX_GROUPS);
			assertThat(report.groups()).hasSizeLessThanOrEqualTo(MAX_GROUPS).allSatisfy((group) -> {
				assertThat(group.count()).isEqualTo(1);
				assertThat(group.frames()).anyMatch(
						(frame) -> frame.contains("ChurningThreads.left") || frame.contains("ChurningThreads.right"));
				assertThat(monitor.group(group.id()))
					.hasValueSatisfying((detail) -> assertThat(detail.threads()).hasSize(1));
			});
			// Every thread of the batch is in a group of its own: tracked ones plus those
			// max-groups left out.
			assertThat(report.groups().size() + report.untrackedThreads()).isEqualTo(BATCH);
			report.groups().forEach((group) -> ids.add(group.id()));
			this.churn.endBatch();
		}
		// The bound held while far more distinct groups than max-groups went through.
		assertThat(ids).hasSizeGreaterThan(10 * MAX_GROUPS);
		assertThat(this.churn.started()).isEqualTo(25 * BATCH);
	}

}
