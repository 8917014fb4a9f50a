package io.github.threadleaks.core.creation;

import java.time.Instant;

/**
 * Told of each platform thread's start and end as a {@link CreationSiteTracker} delivers
 * them, on its reading thread, in the order JFR delivers them: a thread's start before
 * the starts of the threads it starts. What a caller needs to tell which of several
 * things running at once started a thread (a test run in parallel).
 *
 * @since 0.1.0
 */
public interface ThreadStartListener {

	/**
	 * The thread {@code threadId} was started at {@code startTime} by the thread
	 * {@code starterThreadId} ({@code -1} where not known).
	 */
	void started(long threadId, long starterThreadId, Instant startTime);

	/** The thread {@code threadId} ended. */
	void ended(long threadId);

}
