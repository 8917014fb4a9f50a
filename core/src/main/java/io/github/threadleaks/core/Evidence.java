package io.github.threadleaks.core;

import io.github.threadleaks.core.internal.Durations;

/**
 * The figures behind a suspicion, so that every verdict can be checked by hand (the rule
 * is {@code LeakRule}'s): over {@code points} points of {@code pointMillis} each, the
 * group's count went from {@code from} to {@code to} without ever falling and rose on
 * {@code rises} steps (at least {@code requiredRises} needed). For stuck growth,
 * {@code stuckShare} of its judged members (those in the group for
 * {@code minStillSamples} samples; {@code judged} at the latest point) were stuck: still
 * for that many samples in a row. For waking growth ({@code waking}), the members keep
 * waking on a schedule and the group never fell over {@code samples} samples.
 *
 * @param pointMillis the time one point of the judged history stands for
 * @param points how many points were judged
 * @param from the count at the first point
 * @param to the count at the last point
 * @param growth {@code to - from}
 * @param minGrowth the growth needed (twice as much for waking growth)
 * @param rises on how many steps the count rose
 * @param requiredRises how many rises were needed (at least half the steps for waking
 * growth)
 * @param stuckShare the share of judged members that were stuck, summed over the window's
 * steps, 0 to 1; 0 for waking growth
 * @param minStuckShare the share needed for stuck growth
 * @param minStillSamples for how many samples in a row a member must have sat still to
 * count as stuck, and have been in the group to be judged
 * @param judged how many members were judged at the latest point
 * @param waking whether this is waking growth: members that move but pile up
 * @param samples how many samples the judged history spans
 * @since 0.1.0
 */
public record Evidence(long pointMillis, int points, int from, int to, int growth, int minGrowth, int rises,
		int requiredRises, double stuckShare, double minStuckShare, int minStillSamples, int judged, boolean waking,
		long samples) {

	/** The evidence in one sentence. */
	public String describe() {
		String growth = "grew from " + this.from + " to " + this.to + " threads over " + this.points + " points of "
				+ Durations.format(this.pointMillis) + ", never falling, rising on " + this.rises + " steps; ";
		if (this.waking) {
			return growth + "its threads keep waking on a schedule; the group never fell over " + this.samples
					+ " samples";
		}
		// The share is summed over the window's steps, the judged count is the latest
		// point's: a share of 6 members may be 96%.
		return growth + Math.round(this.stuckShare * 100) + "% of the judged members stuck for >= "
				+ this.minStillSamples + " samples, counted over the window's steps (" + this.judged
				+ " judged now, in the group for >= " + this.minStillSamples + " samples)";
	}

}
