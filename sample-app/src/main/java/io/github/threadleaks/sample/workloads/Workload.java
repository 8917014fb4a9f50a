package io.github.threadleaks.sample.workloads;

/** A benign workload: one call does one round of work of the given size. */
public interface Workload {

	/** The id used in URLs, for example {@code burst-pool}. */
	String id();

	/** What the workload does and why it is not a leak. */
	String description();

	/** The largest size one call accepts. */
	int maxSize();

	/**
	 * Does one round of work; returns once the round is done. Calls run one at a time, so
	 * threads stay bounded.
	 */
	void run(int size) throws InterruptedException;

	/** How many threads the workload holds now. */
	int threads();

	/** Ends every thread the workload holds and waits for them. */
	void stop();

}
