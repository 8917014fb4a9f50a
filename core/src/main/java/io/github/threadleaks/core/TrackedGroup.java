package io.github.threadleaks.core;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** One stack group's state across samples: its history and its suspicion. Confined to the sampling thread. */
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

	/** This sample's members that have sat still for at least {@code min-still-samples} samples in a row. */
	int stuckLong;

	/** This sample's members that joined the group at least {@code min-still-samples} samples ago. */
	int judged;

	private final int minStillSamples;

	int previousCount;

	int absentSamples;

	long lastSeenSample;

	@Nullable Evidence evidence;

	/** While suspected: the count the growth is measured from; the suspicion clears when it falls back. */
	int baseline;

	long suspectedSinceMillis;

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
		// Still between two samples is no evidence: a member is judged once it has been here long enough.
		if (thread.samplesInGroup >= this.minStillSamples) {
			this.judged++;
			if (thread.stillSamples >= this.minStillSamples) {
				this.stuckLong++;
			}
		}
	}

	/** Records this sample's count in every horizon. */
	void close(long sample) {
		int count = this.members.size();
		// A member can only have sat still here if the group already held it: caps a re-created group.
		int judgedHere = Math.min(this.judged, this.previousCount);
		int stuckHere = Math.min(this.stuckLong, judgedHere);
		for (Horizon horizon : this.horizons) {
			horizon.add(count, stuckHere, judgedHere);
		}
		this.previousCount = count;
		if (count > 0) {
			this.absentSamples = 0;
			this.lastSeenSample = sample;
		}
		else {
			this.absentSamples++;
		}
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

}
