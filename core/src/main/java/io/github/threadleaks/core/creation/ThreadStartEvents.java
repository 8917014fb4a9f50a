package io.github.threadleaks.core.creation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.threadleaks.core.StackFrame;

/**
 * A stream of thread start and end events that feeds a {@link CreationSiteTracker}: JFR's
 * in production ({@link JfrThreadStartEvents}), a stand-in where a test needs one that
 * cannot be produced for real.
 */
interface ThreadStartEvents extends AutoCloseable {

	/**
	 * Delivers events to the handler until {@link #close()}; blocks the calling thread.
	 */
	void run();

	/**
	 * Waits until the recording has begun, after {@link #run()} was called on another
	 * thread: thread starts from then on are delivered. Returns whether it began within
	 * the timeout.
	 */
	boolean awaitRecording(Duration timeout) throws InterruptedException;

	/**
	 * Commits a marker that is delivered, after every event committed before it, as
	 * {@link Handler#marker}.
	 */
	void commitMarker(long token);

	/**
	 * Ends the recording's current chunk: an in-process reader keeps what it needs to
	 * read a chunk (every thread started in it, for one) until the chunk ends.
	 */
	void rotate();

	/** Stops delivering; {@link #run()} returns soon after. */
	@Override
	void close();

	/**
	 * Opens a stream that delivers to the given handler; throws where no stream can be
	 * opened.
	 */
	interface Opener {

		ThreadStartEvents open(Handler handler) throws Exception;

	}

	/** What the stream delivers, on the thread that runs it. */
	interface Handler {

		/** A platform thread was started by code whose frames, top first, are given. */
		default void started(long threadId, List<StackFrame> starterFrames) {
			started(threadId, -1, Instant.EPOCH, starterFrames);
		}

		/**
		 * A platform thread was started at {@code startTime} by the thread
		 * {@code starterThreadId} ({@code -1} where not known), in code whose frames, top
		 * first, are given.
		 */
		void started(long threadId, long starterThreadId, Instant startTime, List<StackFrame> starterFrames);

		/** A platform thread ended. */
		void ended(long threadId);

		/** A marker committed with {@link #commitMarker} was delivered. */
		void marker(long token);

	}

}
