package io.github.threadleaks.core;

/**
 * Where threads were started: what the engine asks to tell, for each stack group, which code created its members.
 * {@link io.github.threadleaks.core.creation.CreationSiteTracker} answers from JFR's thread start events;
 * {@link #NONE} when tracking is off.
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

	/** Where the live thread with the given id was started; never {@code null}. May be called from any thread. */
	ThreadOrigin originOf(long threadId);

	/** The tracking's state and cost now. May be called from any thread. */
	CreationSiteTracking tracking();

}
