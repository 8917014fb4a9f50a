package io.github.threadleaks.core;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Reports are made by naming their parts, and a builder from a report keeps them all. */
class ThreadLeakReportBuilderTests {

	@Test
	void theBuilderStartsEmptyAndSetsEachPart() throws ReflectiveOperationException {
		assertThat(ThreadLeakReport.builder().build()).isEqualTo(ThreadLeakReport.empty());
		ThreadLeakReport report = everyPartSet();
		// Every component, read reflectively, so that a part added later and forgotten in
		// the builder fails here.
		for (RecordComponent component : ThreadLeakReport.class.getRecordComponents()) {
			Object value = component.getAccessor().invoke(report);
			Object empty = component.getAccessor().invoke(ThreadLeakReport.empty());
			assertThat(value).as("%s differs from the empty report's in this test", component.getName())
				.isNotEqualTo(empty);
		}
		assertThat(report.toBuilder().build()).isEqualTo(report);
	}

	@Test
	void toBuilderChangesOnlyThePartsNamed() {
		ThreadLeakReport report = everyPartSet();
		SampleFailure failure = new SampleFailure("java.lang.IllegalStateException", "later", Instant.EPOCH, 1);
		ThreadLeakReport failed = report.toBuilder().lastError(failure).build();
		assertThat(failed.lastError()).isEqualTo(failure);
		assertThat(failed.toBuilder().lastError(report.lastError()).build()).isEqualTo(report);
	}

	private static ThreadLeakReport everyPartSet() {
		StackGroupReport group = new StackGroupReport("0123456789ab", "worker-#", Thread.State.WAITING, 12, 12, true,
				List.of("java.lang.Object.wait(Native Method)"), List.of(0, 12), 12, 1000, 0, null, null, 1000,
				new GroupExplanation(12, "WAITING, grew by 12"));
		return ThreadLeakReport.builder()
			.status(LeakStatus.LEAK_SUSPECTED)
			.threads(12)
			.samples(3)
			.takenAt(Instant.parse("2026-01-01T00:00:00Z"))
			.sampleMillis(1.5)
			.stacksWalked(4)
			.trackedGroups(2)
			.untrackedThreads(1)
			.deadlockedThreads(List.of(7L))
			.suspects(List.of(group))
			.groups(List.of(group))
			.lastError(new SampleFailure("java.lang.IllegalStateException", "failed", Instant.EPOCH, 1))
			.creationSiteTracking(CreationSiteTracking.unavailable("no JFR"))
			.virtualThreads(new VirtualThreadsReport(VirtualThreadsReport.Status.DISABLED, null, "off", 0, 0, 0, 0, 0,
					false, null))
			.stacksDeferred(5)
			.build();
	}

}
