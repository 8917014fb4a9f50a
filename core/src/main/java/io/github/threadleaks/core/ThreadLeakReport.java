package io.github.threadleaks.core;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The engine's verdict as of one sample. Immutable, so readers may hold it while the next
 * sample is taken.
 *
 * @param status {@link LeakStatus#LEAK_SUSPECTED} while any group is suspected
 * @param threads the live platform threads counted by the census
 * @param samples how many samples have been taken
 * @param takenAt when this sample was taken, or {@code null} before the first one
 * @param sampleMillis how long this sample took
 * @param stacksWalked how many stacks this sample had to walk (new or moved threads)
 * @param trackedGroups how many stack groups are tracked
 * @param untrackedThreads threads in groups that {@code max-groups} left untracked
 * @param deadlockedThreads the ids of deadlocked threads
 * @param suspects the suspected groups, largest first
 * @param groups every present group, suspects first, then by count
 * @param lastError why the latest sample failed, or {@code null} when it succeeded: the
 * rest of the report is then the last sample that did
 * @param creationSiteTracking whether creation sites are tracked (and if not, why), with
 * the tracking's own cost
 * @param virtualThreads how the virtual threads are watched, or {@code null} where they
 * are not part of this report
 * @param stacksDeferred how many threads that moved had their stacks left for the next
 * sample, since walking them would have passed {@code stack-walk-budget}: they keep their
 * previous group meanwhile
 * @since 0.1.0
 */
public record ThreadLeakReport(LeakStatus status, int threads, long samples, @Nullable Instant takenAt,
		double sampleMillis, int stacksWalked, int trackedGroups, int untrackedThreads, List<Long> deadlockedThreads,
		List<StackGroupReport> suspects, List<StackGroupReport> groups, @Nullable SampleFailure lastError,
		CreationSiteTracking creationSiteTracking, @Nullable VirtualThreadsReport virtualThreads, int stacksDeferred) {

	public ThreadLeakReport {
		deadlockedThreads = List.copyOf(deadlockedThreads);
		suspects = List.copyOf(suspects);
		groups = List.copyOf(groups);
	}

	/** A report in which no stack was deferred. */
	public ThreadLeakReport(LeakStatus status, int threads, long samples, @Nullable Instant takenAt,
			double sampleMillis, int stacksWalked, int trackedGroups, int untrackedThreads,
			List<Long> deadlockedThreads, List<StackGroupReport> suspects, List<StackGroupReport> groups,
			@Nullable SampleFailure lastError, CreationSiteTracking creationSiteTracking,
			@Nullable VirtualThreadsReport virtualThreads) {
		this(status, threads, samples, takenAt, sampleMillis, stacksWalked, trackedGroups, untrackedThreads,
				deadlockedThreads, suspects, groups, lastError, creationSiteTracking, virtualThreads, 0);
	}

	/**
	 * The report of one source of threads, without creation-site tracking or a word on
	 * virtual threads.
	 */
	public ThreadLeakReport(LeakStatus status, int threads, long samples, @Nullable Instant takenAt,
			double sampleMillis, int stacksWalked, int trackedGroups, int untrackedThreads,
			List<Long> deadlockedThreads, List<StackGroupReport> suspects, List<StackGroupReport> groups,
			@Nullable SampleFailure lastError) {
		this(status, threads, samples, takenAt, sampleMillis, stacksWalked, trackedGroups, untrackedThreads,
				deadlockedThreads, suspects, groups, lastError, CreationSiteTracking.OFF, null);
	}

	/** The report of a sample that succeeded. */
	public ThreadLeakReport(LeakStatus status, int threads, long samples, @Nullable Instant takenAt,
			double sampleMillis, int stacksWalked, int trackedGroups, int untrackedThreads,
			List<Long> deadlockedThreads, List<StackGroupReport> suspects, List<StackGroupReport> groups) {
		this(status, threads, samples, takenAt, sampleMillis, stacksWalked, trackedGroups, untrackedThreads,
				deadlockedThreads, suspects, groups, null);
	}

	/** This report with the failure of a later sample. */
	ThreadLeakReport withLastError(SampleFailure failure) {
		return new ThreadLeakReport(this.status, this.threads, this.samples, this.takenAt, this.sampleMillis,
				this.stacksWalked, this.trackedGroups, this.untrackedThreads, this.deadlockedThreads, this.suspects,
				this.groups, failure, this.creationSiteTracking, this.virtualThreads, this.stacksDeferred);
	}

	/** The report before the first sample. */
	public static ThreadLeakReport empty() {
		return new ThreadLeakReport(LeakStatus.OK, 0, 0, null, 0, 0, 0, 0, List.of(), List.of(), List.of());
	}

	/** How many threads the suspected groups hold. */
	public int suspectedThreads() {
		return this.suspects.stream().mapToInt(StackGroupReport::count).sum();
	}

}
