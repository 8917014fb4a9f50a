package io.github.threadleaks.core;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One stack group's state across samples: its members, its history and its suspicion,
 * which only the {@link LeakRule} changes. Confined to the sampling thread.
 */
final class TrackedGroup {

	final GroupKey key;

	final String id;

	final Horizon[] horizons;

	/** The frames' text for reports, made once: a group's frames never change. */
	final List<String> frameTexts;

	/** This sample's members; cleared at the start of each sample. */
	final List<TrackedThread> members = new ArrayList<>();

	/**
	 * Whether the members are idle pool workers in a timed poll for their next task,
	 * which the rule never judges.
	 */
	final boolean idleWorkers;

	/** This sample's members that are stuck: still for {@code min-still-samples}. */
	int stuck;

	/** This sample's members that the rule judges: in the group long enough. */
	int judged;

	private final LeakRule rule;

	int previousCount;

	int absentSamples;

	long lastSeenSample;

	private @Nullable Evidence evidence;

	/** When the evidence was last found (epoch millis). */
	private long evidenceMillis;

	/**
	 * While suspected: the count the growth is measured from; the suspicion clears when
	 * it falls back.
	 */
	private int baseline;

	private long suspectedSinceMillis;

	/** While suspected: the count when the suspicion began. */
	private int countWhenSuspected;

	/** While suspected: how many samples ago the suspicion began. */
	private long samplesSuspected;

	/** Why the suspicion is clearing, once the rule has said so; else {@code null}. */
	private @Nullable String clearing;

	TrackedGroup(GroupKey key, List<String> frameTexts, ThreadLeaksSettings settings, LeakRule rule) {
		this.key = key;
		this.frameTexts = frameTexts;
		this.id = key.id();
		this.rule = rule;
		this.idleWorkers = IdleWorkers.awaitTaskWithTimeout(key.state(), frameTexts);
		this.horizons = new Horizon[settings.horizons()];
		int period = 1;
		for (int level = 0; level < this.horizons.length; level++) {
			this.horizons[level] = new Horizon(period, settings.window());
			period *= settings.horizonFactor();
		}
	}

	void join(TrackedThread thread) {
		this.members.add(thread);
		if (this.rule.isStuck(thread)) {
			this.stuck++;
		}
		if (this.rule.judges(thread)) {
			this.judged++;
		}
	}

	/** Ends this sample's membership: whether the group was seen, for eviction. */
	void close(long sample) {
		if (count() > 0) {
			this.absentSamples = 0;
			this.lastSeenSample = sample;
		}
		else {
			this.absentSamples++;
		}
	}

	/**
	 * Records this sample's count in every horizon; the sample stands for
	 * {@code elapsedMillis} of time.
	 */
	void record(long elapsedMillis) {
		int count = this.members.size();
		// A member can only have sat still here if the group already held it: caps a
		// re-created group.
		int judgedHere = Math.min(this.judged, this.previousCount);
		int stuckHere = Math.min(this.stuck, judgedHere);
		for (Horizon horizon : this.horizons) {
			horizon.add(count, stuckHere, judgedHere, elapsedMillis);
		}
		this.previousCount = count;
	}

	/** Records the rule's evidence found now, suspecting the group if it was not. */
	void suspect(Evidence found, long nowMillis) {
		if (!suspected()) {
			this.baseline = found.from();
			this.suspectedSinceMillis = nowMillis;
			this.countWhenSuspected = count();
			this.samplesSuspected = 0;
		}
		else {
			this.samplesSuspected++;
		}
		this.evidence = found;
		this.evidenceMillis = nowMillis;
	}

	/** Counts one more sample of a suspicion whose evidence was not found again. */
	void stillSuspected() {
		this.samplesSuspected++;
	}

	/** Marks the suspicion as clearing, for the reason given. */
	void clearing(String why) {
		this.clearing = why;
	}

	@Nullable String clearingReason() {
		return this.clearing;
	}

	int baseline() {
		return this.baseline;
	}

	int countWhenSuspected() {
		return this.countWhenSuspected;
	}

	long samplesSuspected() {
		return this.samplesSuspected;
	}

	/** When the evidence was last found (epoch millis). */
	long evidenceMillis() {
		return this.evidenceMillis;
	}

	/** Ends the suspicion, once the cleared group has been described as it was. */
	void clear() {
		this.evidence = null;
		this.clearing = null;
	}

	@Nullable Evidence evidence() {
		return this.evidence;
	}

	/** How long the group has been suspected, 0 when it is not. */
	long suspectedForMillis(long nowMillis) {
		return suspected() ? nowMillis - this.suspectedSinceMillis : 0;
	}

	void reset() {
		this.members.clear();
		this.stuck = 0;
		this.judged = 0;
	}

	int count() {
		return this.members.size();
	}

	boolean suspected() {
		return this.evidence != null;
	}

}
