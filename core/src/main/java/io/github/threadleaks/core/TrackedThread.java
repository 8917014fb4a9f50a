package io.github.threadleaks.core;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What the engine remembers of one live thread between samples. Mutable; confined to the
 * sampling thread.
 */
final class TrackedThread {

	ThreadCensus census;

	/**
	 * The thread's stack group, or {@code null} where an ignore rule leaves the thread
	 * out.
	 */
	@Nullable GroupKey key;

	/**
	 * When the thread was first seen in its current place with no progress since (epoch
	 * millis).
	 */
	long stillSinceMillis;

	/** Whether the thread sat still, in the same group, since the previous sample. */
	boolean stillSincePrevious;

	/**
	 * For how many samples in a row the thread has sat still: 0 where it moved or is new.
	 */
	int stillSamples;

	/**
	 * How many samples ago the thread joined its current group: 0 at the sample that put
	 * it there.
	 */
	int samplesInGroup;

	/**
	 * Whether the census saw the thread move but its stack was not walked within the
	 * sample's budget: it keeps its previous record and goes first at the next sample.
	 */
	boolean deferred;

	boolean deadlocked;

	/**
	 * Where the thread was started, once known for good; asked again while {@code null}.
	 */
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
		this.stillSamples++;
		this.samplesInGroup++;
		this.deferred = false;
	}

	void moved(ThreadCensus census, @Nullable GroupKey key, long nowMillis) {
		this.samplesInGroup = Objects.equals(key, this.key) ? this.samplesInGroup + 1 : 0;
		this.census = census;
		this.key = key;
		this.stillSinceMillis = nowMillis;
		this.stillSincePrevious = false;
		this.stillSamples = 0;
		this.deferred = false;
	}

	/**
	 * The thread's stack is walked next time, the budget being spent: it stays in its
	 * group with its previous record and census, so that the next sample looks at it
	 * again. A busy one (using more CPU than a still thread may) has moved whatever its
	 * stack; a quiet one keeps its stillness as it was, neither gained nor lost. Both
	 * count one more sample in their group.
	 */
	void deferred(boolean busy, long nowMillis) {
		if (busy) {
			this.stillSinceMillis = nowMillis;
			this.stillSincePrevious = false;
			this.stillSamples = 0;
		}
		// Alive in its group either way: the rule judges it as soon as one that was
		// walked.
		this.samplesInGroup++;
		this.deferred = true;
	}

}
