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

	private static final ThreadLeakReport EMPTY = new ThreadLeakReport(LeakStatus.OK, 0, 0, null, 0, 0, 0, 0, List.of(),
			List.of(), List.of(), null, CreationSiteTracking.OFF, null, 0);

	public ThreadLeakReport {
		deadlockedThreads = List.copyOf(deadlockedThreads);
		suspects = List.copyOf(suspects);
		groups = List.copyOf(groups);
	}

	/**
	 * The report before the first sample: nothing counted, nothing suspected.
	 */
	public static ThreadLeakReport empty() {
		return EMPTY;
	}

	/**
	 * A builder starting from {@link #empty()}: a report is made by naming its parts, so
	 * that a part added later needs no new constructor.
	 */
	public static Builder builder() {
		return new Builder(EMPTY);
	}

	/** A builder holding this report's parts, to change some of them. */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/** How many threads the suspected groups hold. */
	public int suspectedThreads() {
		return this.suspects.stream().mapToInt(StackGroupReport::count).sum();
	}

	/**
	 * Builds a {@link ThreadLeakReport} part by part; each part left out keeps its value
	 * in the report the builder started from. The parts are those of the record.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private LeakStatus status;

		private int threads;

		private long samples;

		private @Nullable Instant takenAt;

		private double sampleMillis;

		private int stacksWalked;

		private int trackedGroups;

		private int untrackedThreads;

		private List<Long> deadlockedThreads;

		private List<StackGroupReport> suspects;

		private List<StackGroupReport> groups;

		private @Nullable SampleFailure lastError;

		private CreationSiteTracking creationSiteTracking;

		private @Nullable VirtualThreadsReport virtualThreads;

		private int stacksDeferred;

		private Builder(ThreadLeakReport report) {
			this.status = report.status;
			this.threads = report.threads;
			this.samples = report.samples;
			this.takenAt = report.takenAt;
			this.sampleMillis = report.sampleMillis;
			this.stacksWalked = report.stacksWalked;
			this.trackedGroups = report.trackedGroups;
			this.untrackedThreads = report.untrackedThreads;
			this.deadlockedThreads = report.deadlockedThreads;
			this.suspects = report.suspects;
			this.groups = report.groups;
			this.lastError = report.lastError;
			this.creationSiteTracking = report.creationSiteTracking;
			this.virtualThreads = report.virtualThreads;
			this.stacksDeferred = report.stacksDeferred;
		}

		/** Sets {@link ThreadLeakReport#status()}. */
		public Builder status(LeakStatus status) {
			this.status = status;
			return this;
		}

		/** Sets {@link ThreadLeakReport#threads()}. */
		public Builder threads(int threads) {
			this.threads = threads;
			return this;
		}

		/** Sets {@link ThreadLeakReport#samples()}. */
		public Builder samples(long samples) {
			this.samples = samples;
			return this;
		}

		/** Sets {@link ThreadLeakReport#takenAt()}. */
		public Builder takenAt(@Nullable Instant takenAt) {
			this.takenAt = takenAt;
			return this;
		}

		/** Sets {@link ThreadLeakReport#sampleMillis()}. */
		public Builder sampleMillis(double sampleMillis) {
			this.sampleMillis = sampleMillis;
			return this;
		}

		/** Sets {@link ThreadLeakReport#stacksWalked()}. */
		public Builder stacksWalked(int stacksWalked) {
			this.stacksWalked = stacksWalked;
			return this;
		}

		/** Sets {@link ThreadLeakReport#trackedGroups()}. */
		public Builder trackedGroups(int trackedGroups) {
			this.trackedGroups = trackedGroups;
			return this;
		}

		/** Sets {@link ThreadLeakReport#untrackedThreads()}. */
		public Builder untrackedThreads(int untrackedThreads) {
			this.untrackedThreads = untrackedThreads;
			return this;
		}

		/** Sets {@link ThreadLeakReport#deadlockedThreads()}. */
		public Builder deadlockedThreads(List<Long> deadlockedThreads) {
			this.deadlockedThreads = deadlockedThreads;
			return this;
		}

		/** Sets {@link ThreadLeakReport#suspects()}. */
		public Builder suspects(List<StackGroupReport> suspects) {
			this.suspects = suspects;
			return this;
		}

		/** Sets {@link ThreadLeakReport#groups()}. */
		public Builder groups(List<StackGroupReport> groups) {
			this.groups = groups;
			return this;
		}

		/** Sets {@link ThreadLeakReport#lastError()}. */
		public Builder lastError(@Nullable SampleFailure lastError) {
			this.lastError = lastError;
			return this;
		}

		/** Sets {@link ThreadLeakReport#creationSiteTracking()}. */
		public Builder creationSiteTracking(CreationSiteTracking creationSiteTracking) {
			this.creationSiteTracking = creationSiteTracking;
			return this;
		}

		/** Sets {@link ThreadLeakReport#virtualThreads()}. */
		public Builder virtualThreads(@Nullable VirtualThreadsReport virtualThreads) {
			this.virtualThreads = virtualThreads;
			return this;
		}

		/** Sets {@link ThreadLeakReport#stacksDeferred()}. */
		public Builder stacksDeferred(int stacksDeferred) {
			this.stacksDeferred = stacksDeferred;
			return this;
		}

		public ThreadLeakReport build() {
			return new ThreadLeakReport(this.status, this.threads, this.samples, this.takenAt, this.sampleMillis,
					this.stacksWalked, this.trackedGroups, this.untrackedThreads, this.deadlockedThreads, this.suspects,
					this.groups, this.lastError, this.creationSiteTracking, this.virtualThreads, this.stacksDeferred);
		}

	}

}
