package io.github.threadleaks.sample.leaks;

/** One way to leak threads, one request at a time. */
public interface LeakPattern {

	/** The id used in URLs, for example {@code forgotten-sender}. */
	String id();

	/** What the pattern does, and its Go twin, in one sentence. */
	String description();

	/** How many threads one request leaks. */
	int threadsPerRequest();

	/**
	 * Leaks what one request leaks, and returns when those threads are blocked for good.
	 */
	void leakOnce() throws InterruptedException;

	/** How many leaked threads are alive. */
	int leaked();

	/**
	 * Unblocks every leaked thread and waits for them to end; returns how many there
	 * were.
	 */
	int release();

}
