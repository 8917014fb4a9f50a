package io.github.threadleaks.core;

import org.jspecify.annotations.Nullable;

/** What the engine remembers of one live thread between samples. Mutable; confined to the sampling thread. */
final class TrackedThread {

	ThreadCensus census;

	/** The thread's stack group, or {@code null} where an ignore rule leaves the thread out. */
	@Nullable GroupKey key;

	/** When the thread was first seen in its current place with no progress since (epoch millis). */
	long stillSinceMillis;

	/** Whether the thread sat still, in the same group, since the previous sample. */
	boolean stillSincePrevious;

	boolean deadlocked;

	/** Where the thread was started, once known for good; asked again while {@code null}. */
	@Nullable ThreadOrigin origin;

	/** The number of the last observation that saw the thread alive. */
	long observation;

	TrackedThread(ThreadCensus census, @Nullable GroupKey key, long nowMillis) {
		this.census = census;
		this.key = key;
		this.stillSinceMillis = nowMillis;
	}

	void stayedStill(ThreadCensus census) {
		this.census = census;
		this.stillSincePrevious = true;
	}

	void moved(ThreadCensus census, @Nullable GroupKey key, long nowMillis) {
		this.census = census;
		this.key = key;
		this.stillSinceMillis = nowMillis;
		this.stillSincePrevious = false;
	}

}
