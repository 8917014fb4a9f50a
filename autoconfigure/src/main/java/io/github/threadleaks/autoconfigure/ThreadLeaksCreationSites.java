package io.github.threadleaks.autoconfigure;

import java.time.Duration;

import io.github.threadleaks.core.CreationSiteTracking;
import io.github.threadleaks.core.CreationSites;
import io.github.threadleaks.core.ThreadOrigin;
import io.github.threadleaks.core.creation.CreationSiteTracker;

/**
 * Records where threads are started, from JFR's thread start events, while the
 * application context runs: starts before any other lifecycle bean, so that the threads
 * they start are seen, and stops after them. Its one thread,
 * {@value CreationSiteTracker#THREAD_NAME}, and its recording end with the context. Where
 * JFR is unavailable it reports why and the application starts as usual.
 *
 * @since 0.1.0
 */
public class ThreadLeaksCreationSites extends ThreadLeaksLifecycle implements CreationSites {

	private final CreationSiteTracker tracker;

	/**
	 * Creation sites recorded by the given tracker, which this bean starts and stops.
	 * @param tracker the tracker
	 */
	public ThreadLeaksCreationSites(CreationSiteTracker tracker) {
		// First to start, last to stop.
		super(tracker, Integer.MIN_VALUE);
		this.tracker = tracker;
	}

	@Override
	public ThreadOrigin originOf(long threadId) {
		return this.tracker.originOf(threadId);
	}

	@Override
	public CreationSiteTracking tracking() {
		return this.tracker.tracking();
	}

	@Override
	public boolean awaitCatchUp(Duration timeout) throws InterruptedException {
		return this.tracker.awaitCatchUp(timeout);
	}

}
