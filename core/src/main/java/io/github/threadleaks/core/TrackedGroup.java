package io.github.threadleaks.core;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One stack group's state across samples: its members, its history and its suspicion,
 * which only the group itself changes ({@link #judge}). Confined to the sampling thread.
 */
final class TrackedGroup {

	final GroupKey key;

	final String id;

	final Horizon[] horizons;

	/** The frames' text for reports, made once: a group's frames never change. */
	final List<String> frameTexts;

	/** This sample's members; cleared at the start of each sample. */
	final List<TrackedThread> members = new ArrayList<>();

	/** This sample's members that sat still since the previous sample. */
	int stuck;

	/**
	 * This sample's members that have sat still for at least {@code min-still-samples}
	 * samples in a row.
	 */
	int stuckLong;

	/**
	 * This sample's members that joined the group at least {@code min-still-samples}
	 * samples ago.
	 */
	int judged;

	private final int minStillSamples;

	int previousCount;

	int absentSamples;

	long lastSeenSample;

	private @Nullable Evidence evidence;

	/**
	 * While suspected: the count the growth is measured from; the suspicion clears when
	 * it falls back.
	 */
	private int baseline;

	private long suspectedSinceMillis;

	TrackedGroup(GroupKey key, List<String> frameTexts, ThreadLeaksSettings settings) {
		this.key = key;
		this.frameTexts = frameTexts;
		this.id = key.id();
		this.minStillSamples = settings.minStillSamples();
		this.horizons = new Horizon[settings.horizons()];
		int period = 1;
		for (int level = 0; level < this.horizons.length; level++) {
			this.horizons[level] = new Horizon(period, settings.window());
			period *= settings.horizonFactor();
		}
	}

	void join(TrackedThread thread) {
		this.members.add(thread);
		if (thread.stillSincePrevious) {
			this.stuck++;
		}
		// Still between two samples is no evidence: a member is judged once it has been
		// here long enough.
		if (thread.samplesInGroup >= this.minStillSamples) {
			this.judged++;
			if (thread.stillSamples >= this.minStillSamples) {
				this.stuckLong++;
			}
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
		int stuckHere = Math.min(this.stuckLong, judgedHere);
		for (Horizon horizon : this.horizons) {
			horizon.add(count, stuckHere, judgedHere, elapsedMillis);
		}
		this.previousCount = count;
	}

	/**
	 * The suspicion rule: the group becomes suspected when a horizon, finest first, shows
	 * the detector's evidence, and is cleared once its count falls back below the count
	 * the growth was measured from plus {@code minGrowth}. Returns the change, if any.
	 */
	Verdict judge(GrowthDetector detector, long nowMillis, int minGrowth) {
		Evidence found = null;
		for (Horizon horizon : this.horizons) {
			found = detector.judge(horizon, horizon.meanPointMillis());
			if (found != null) {
				break;
			}
		}
		if (found != null) {
			boolean newly = !suspected();
			if (newly) {
				this.baseline = found.from();
				this.suspectedSinceMillis = nowMillis;
			}
			this.evidence = found;
			return newly ? Verdict.SUSPECTED : Verdict.UNCHANGED;
		}
		if (suspected() && count() < this.baseline + minGrowth) {
			return Verdict.CLEARED;
		}
		return Verdict.UNCHANGED;
	}

	/** Ends the suspicion, once the cleared group has been described as it was. */
	void clear() {
		this.evidence = null;
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
		this.stuckLong = 0;
		this.judged = 0;
	}

	int count() {
		return this.members.size();
	}

	boolean suspected() {
		return this.evidence != null;
	}

	/** What one judgement changed. */
	enum Verdict {

		UNCHANGED, SUSPECTED, CLEARED

	}

}
