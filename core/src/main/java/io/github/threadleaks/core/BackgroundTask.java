package io.github.threadleaks.core;

/**
 * Work that runs on a daemon thread of its own between {@link #start()} and
 * {@link #stop()}: the sampling loops and the creation-site tracker. A framework's
 * lifecycle drives any of them the same way.
 *
 * @since 0.1.0
 */
public interface BackgroundTask extends AutoCloseable {

	/**
	 * Starts the thread; does nothing if already running, or where the task has nothing
	 * to do here.
	 */
	void start();

	/**
	 * Stops the thread and waits up to ten seconds for the work under way to end; does
	 * nothing if not running.
	 */
	void stop();

	/** Whether the thread runs. */
	boolean isRunning();

	/** Stops, as {@link #stop()} does. */
	@Override
	default void close() {
		stop();
	}

}
