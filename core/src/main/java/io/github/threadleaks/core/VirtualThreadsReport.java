package io.github.threadleaks.core;

import org.jspecify.annotations.Nullable;

/**
 * How the virtual threads are watched: whether they can be, at what cadence, and what the latest dump of them
 * cost.
 *
 * @param status whether virtual threads are watched
 * @param reason why they are not, {@code null} while they are
 * @param intervalMillis the time between two dumps now: the configured interval, or longer while backed off
 * @param maxSampleMillis the budget of one dump; a dump that takes longer stretches the interval
 * @param lastSampleMillis how long the latest dump and its reading took, 0 before the first
 * @param threads the virtual threads the latest dump listed
 * @param samples how many dumps have been taken
 * @param backedOff whether the interval is stretched because dumps took longer than the budget
 * @param lastError why the latest dump failed, {@code null} when it succeeded
 */
public record VirtualThreadsReport(Status status, @Nullable String reason, long intervalMillis, long maxSampleMillis,
		double lastSampleMillis, int threads, long samples, boolean backedOff, @Nullable SampleFailure lastError) {

	/** Whether virtual threads are watched. */
	public enum Status {

		/** They are watched. */
		AVAILABLE,

		/** The JVM cannot list them (before JDK 21). */
		UNAVAILABLE,

		/** Watching them is turned off by configuration. */
		DISABLED

	}

}
