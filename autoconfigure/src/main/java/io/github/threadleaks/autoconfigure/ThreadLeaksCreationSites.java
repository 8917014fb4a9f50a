package io.github.threadleaks.autoconfigure;

import io.github.threadleaks.core.CreationSiteTracking;
import io.github.threadleaks.core.CreationSites;
import io.github.threadleaks.core.ThreadOrigin;
import io.github.threadleaks.core.creation.CreationSiteTracker;

import org.springframework.context.SmartLifecycle;

/**
 * Records where threads are started, from JFR's thread start events, while the application context runs: starts
 * before any other lifecycle bean, so that the threads they start are seen, and stops after them. Its one thread,
 * {@value CreationSiteTracker#THREAD_NAME}, and its recording end with the context. Where JFR is unavailable it
 * reports why and the application starts as usual.
 */
public class ThreadLeaksCreationSites implements CreationSites, SmartLifecycle {

	private final CreationSiteTracker tracker;

	/**
	 * Creation sites recorded by the given tracker, which this bean starts and stops.
	 * @param tracker the tracker
	 */
	public ThreadLeaksCreationSites(CreationSiteTracker tracker) {
		this.tracker = tracker;
	}

	/** The tracker, for waiting until it has caught up ({@link CreationSiteTracker#awaitCatchUp}). */
	public CreationSiteTracker tracker() {
		return this.tracker;
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
	public void start() {
		this.tracker.start();
	}

	@Override
	public void stop() {
		this.tracker.stop();
	}

	@Override
	public boolean isRunning() {
		return this.tracker.isRunning();
	}

	/** First to start, last to stop. */
	@Override
	public int getPhase() {
		return Integer.MIN_VALUE;
	}

}
