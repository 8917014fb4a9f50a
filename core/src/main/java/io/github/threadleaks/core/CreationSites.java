package io.github.threadleaks.core;

import java.time.Duration;

/**
 * Where threads were started: what the engine asks to tell, for each stack group, which
 * code created its members.
 * {@link io.github.threadleaks.core.creation.CreationSiteTracker} answers from JFR's
 * thread start events; {@link #NONE} when tracking is off.
 *
 * @since 0.1.0
 */
public interface CreationSites {

	/** No tracking: every thread's origin is {@link ThreadOrigin#UNTRACKED}. */
	CreationSites NONE = new CreationSites() {

		@Override
		public ThreadOrigin originOf(long threadId) {
			return ThreadOrigin.UNTRACKED;
		}

		@Override
		public CreationSiteTracking tracking() {
			return CreationSiteTracking.OFF;
		}

	};

	/**
	 * Where the live thread with the given id was started; never {@code null}. May be
	 * called from any thread.
	 */
	ThreadOrigin originOf(long threadId);

	/** The tracking's state and cost now. May be called from any thread. */
	CreationSiteTracking tracking();

	/**
	 * Waits, at most {@code timeout}, until the start of every thread that has begun
	 * running before this call is known. Returns whether it caught up; {@code false} at
	 * once where starts are not tracked (the default).
	 * @throws InterruptedException if the calling thread is interrupted while waiting
	 */
	default boolean awaitCatchUp(Duration timeout) throws InterruptedException {
		return false;
	}

}
