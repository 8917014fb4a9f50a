package io.github.threadleaks.core;

import java.util.Optional;

/**
 * What readers of the engine (an endpoint, a health check, gauges) ask for: the latest
 * report and one group of it with its members. Both may be called from any thread at any
 * time and never wait for a sample.
 *
 * @since 0.1.0
 */
public interface LatestReport {

	/**
	 * The report of the latest sample ({@link ThreadLeakReport#empty()} before the
	 * first).
	 */
	ThreadLeakReport report();

	/** One group of the latest sample, with its members, by id. */
	Optional<GroupDetail> group(String id);

}
