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
	 * out. A member caught briefly elsewhere (a thread that wakes on a schedule, sampled
	 * mid-work) stays in it: see {@link #stack}.
	 */
	@Nullable GroupKey key;

	/**
	 * Where the thread is now: its group's key, or another while it is away from its
	 * group.
	 */
	@Nullable GroupKey stack;

	/**
	 * For how many samples in a row the thread has been away from its group: kept there
	 * while fewer than {@link #maxSamplesAway}.
	 */
	int samplesAway;

	/**
	 * For how many samples the thread has been on its current stack: 0 where it just
	 * came.
	 */
	int samplesOnStack;

	/**
	 * How many samples in a row a member may be away from its group and stay in it: a
	 * thread away that long may be stuck where it is now, so it moves there.
	 */
	private final int maxSamplesAway;

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

	TrackedThread(ThreadCensus census, @Nullable GroupKey key, long nowMillis, int maxSamplesAway) {
		this.census = census;
		this.key = key;
		this.stack = key;
		this.stillSinceMillis = nowMillis;
		this.maxSamplesAway = maxSamplesAway;
	}

	void stayedStill(ThreadCensus census) {
		this.census = census;
		this.stillSincePrevious = true;
		this.stillSamples++;
		this.samplesOnStack++;
		stayOrMove();
		this.deferred = false;
	}

	void moved(ThreadCensus census, @Nullable GroupKey key, long nowMillis) {
		this.samplesOnStack = Objects.equals(key, this.stack) ? this.samplesOnStack + 1 : 0;
		this.stack = key;
		stayOrMove();
		this.census = census;
		this.stillSinceMillis = nowMillis;
		this.stillSincePrevious = false;
		this.stillSamples = 0;
		this.deferred = false;
	}

	/**
	 * The thread sat still waiting for a lock whose owner moved: it waits in a queue that
	 * moves, so it is not still. It stays in its group.
	 */
	void ownerMoved(long nowMillis) {
		this.stillSinceMillis = nowMillis;
		this.stillSincePrevious = false;
		this.stillSamples = 0;
	}

	/**
	 * Counts one more sample in the thread's group, or moves it to where it is now. A
	 * member that was in its group at two samples or more stays there while it is away
	 * for fewer than {@link #maxSamplesAway} samples in a row: a thread that wakes on a
	 * schedule, sampled mid-work, keeps its group and its age there. Once away that long
	 * it moves, its age in the new group being its time on its new stack, so a member
	 * stuck where it went is judged as soon as if it had moved at once.
	 */
	private void stayOrMove() {
		if (Objects.equals(this.stack, this.key)) {
			this.samplesAway = 0;
			this.samplesInGroup++;
		}
		else if (this.stack != null && this.key != null && this.samplesInGroup >= 1
				&& this.samplesAway + 1 < this.maxSamplesAway) {
			this.samplesAway++;
			this.samplesInGroup++;
		}
		else {
			this.key = this.stack;
			this.samplesAway = 0;
			this.samplesInGroup = this.samplesOnStack;
		}
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
