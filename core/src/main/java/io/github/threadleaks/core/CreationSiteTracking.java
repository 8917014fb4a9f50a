package io.github.threadleaks.core;

import org.jspecify.annotations.Nullable;

/**
 * The state of creation-site tracking, and its own cost.
 *
 * @param state whether sites are tracked
 * @param reason why tracking is unavailable, or {@code null} when it is not
 * @param trackedThreads threads whose creation site is held now
 * @param threadStarts thread starts handled since tracking started
 * @param forgottenThreads threads forgotten, oldest first, because more than the bound
 * were held
 * @param handlingNanos time spent handling thread start and end events
 * @since 0.1.0
 */
public record CreationSiteTracking(State state, @Nullable String reason, int trackedThreads, long threadStarts,
		long forgottenThreads, long handlingNanos) {

	/** Tracking switched off. */
	public static final CreationSiteTracking OFF = new CreationSiteTracking(State.OFF, null, 0, 0, 0, 0);

	/** Tracking that could not start, for the given reason. */
	public static CreationSiteTracking unavailable(String reason) {
		return new CreationSiteTracking(State.UNAVAILABLE, reason, 0, 0, 0, 0);
	}

	/**
	 * Whether creation sites are tracked.
	 *
	 * @since 0.1.0
	 */
	public enum State {

		/** Switched off, or not started. */
		OFF,

		/** Thread starts are recorded. */
		TRACKING,

		/** Switched on, but no recording could be started (the reason says why). */
		UNAVAILABLE,

		/** Stopped with its application. */
		STOPPED

	}

}
