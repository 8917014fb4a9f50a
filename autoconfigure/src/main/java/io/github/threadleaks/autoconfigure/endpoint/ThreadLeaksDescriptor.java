package io.github.threadleaks.autoconfigure.endpoint;

import java.time.Instant;
import java.util.List;

import io.github.threadleaks.core.CreationSiteTracking;
import io.github.threadleaks.core.ThreadLeakReport;
import io.github.threadleaks.core.VirtualThreadsReport;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The {@code threadleaks} endpoint's report: the verdict over all threads as of the
 * latest sample.
 *
 * @param status {@code OK}, or {@code LEAK_SUSPECTED} while any stack group is suspected
 * @param threads the live platform threads
 * @param samples how many samples have been taken
 * @param takenAt when the latest sample was taken (ISO-8601), absent before the first one
 * @param sampleMillis how long the latest sample took
 * @param stacksWalked how many stacks the latest sample walked
 * @param trackedGroups how many stack groups are tracked
 * @param untrackedThreads threads in groups left untracked by
 * {@code threadleaks.max-groups}
 * @param deadlockedThreads the ids of deadlocked threads
 * @param suspects the suspected groups, largest first
 * @param groups every present group, suspects first, then by count
 * @param lastError why the latest sample failed, {@code null} when it succeeded (the rest
 * of the report is then the last sample that did)
 * @param creationSiteTracking whether creation sites are tracked ({@code TRACKING},
 * {@code OFF}, {@code UNAVAILABLE} with the reason, {@code STOPPED}), and the tracking's
 * own figures
 * @param virtualThreads how the virtual threads are watched (status, reason, interval,
 * cost of the latest dump), absent where the monitor does not include them
 * @param stacksDeferred how many threads that moved had their stacks left for the next
 * sample by {@code threadleaks.stack-walk-budget}
 * @since 0.1.0
 */
public record ThreadLeaksDescriptor(String status, int threads, long samples, @Nullable String takenAt,
		double sampleMillis, int stacksWalked, int trackedGroups, int untrackedThreads, List<Long> deadlockedThreads,
		List<StackGroupDescriptor> suspects, List<StackGroupDescriptor> groups,
		@Nullable SampleFailureDescriptor lastError, CreationSiteTracking creationSiteTracking,
		@Nullable VirtualThreadsReport virtualThreads, int stacksDeferred) implements OperationResponseBody {

	static ThreadLeaksDescriptor of(ThreadLeakReport report) {
		Instant takenAt = report.takenAt();
		return new ThreadLeaksDescriptor(report.status().name(), report.threads(), report.samples(),
				(takenAt != null) ? takenAt.toString() : null, report.sampleMillis(), report.stacksWalked(),
				report.trackedGroups(), report.untrackedThreads(), report.deadlockedThreads(),
				report.suspects().stream().map(StackGroupDescriptor::of).toList(),
				report.groups().stream().map(StackGroupDescriptor::of).toList(),
				(report.lastError() != null) ? SampleFailureDescriptor.of(report.lastError()) : null,
				report.creationSiteTracking(), report.virtualThreads(), report.stacksDeferred());
	}

}
