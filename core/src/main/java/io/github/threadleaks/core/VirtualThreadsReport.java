package io.github.threadleaks.core;

import org.jspecify.annotations.Nullable;

/**
 * How the virtual threads are watched: whether they can be, at what cadence, and what the
 * latest dump of them cost.
 *
 * @param status whether virtual threads are watched
 * @param source what lists them, {@code null} while they are not watched
 * @param reason why this source lists them, or why none does
 * @param intervalMillis the time between two dumps now: the configured interval, or
 * longer while backed off
 * @param maxSampleMillis the budget of one dump; a dump that takes longer stretches the
 * interval
 * @param lastSampleMillis how long the latest dump and its reading took, 0 before the
 * first
 * @param threads the virtual threads the latest dump listed
 * @param samples how many dumps have been taken
 * @param backedOff whether the interval is stretched because dumps took longer than the
 * budget
 * @param lastError why the latest dump failed, {@code null} when it succeeded
 * @since 0.1.0
 */
public record VirtualThreadsReport(Status status, @Nullable Source source, @Nullable String reason, long intervalMillis,
		long maxSampleMillis, double lastSampleMillis, int threads, long samples, boolean backedOff,
		@Nullable SampleFailure lastError) {

	/**
	 * Whether virtual threads are watched.
	 *
	 * @since 0.1.0
	 */
	public enum Status {

		/** They are watched. */
		AVAILABLE,

		/**
		 * The JVM cannot list them safely: before JDK 21, or without the JVM option that
		 * opens the thread containers (the reason says which).
		 */
		UNAVAILABLE,

		/** Watching them is turned off by configuration. */
		DISABLED

	}

	/**
	 * What lists the virtual threads.
	 *
	 * @since 0.1.0
	 */
	public enum Source {

		/**
		 * The JDK's thread containers, each thread's stack taken with
		 * {@code Thread.getStackTrace()}: needs
		 * {@value io.github.threadleaks.core.virtual.ContainerThreadSource#JVM_FLAG}.
		 */
		CONTAINERS,

		/**
		 * The virtual threads a framework registered while they run its requests and
		 * tasks (a {@link io.github.threadleaks.core.virtual.VirtualThreadRegistry}),
		 * where the JVM runs without
		 * {@value io.github.threadleaks.core.virtual.ContainerThreadSource#JVM_FLAG}: the
		 * others are not seen.
		 */
		REGISTERED,

		/**
		 * The JVM's JSON thread dump, only on JDK builds verified not to crash while
		 * virtual threads run.
		 */
		DUMP

	}

}
