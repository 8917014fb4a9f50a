package io.github.threadleaks.core;

import io.github.threadleaks.core.internal.Durations;

/**
 * The figures behind a suspicion, so that every verdict can be checked by hand: over
 * {@code points} points of {@code pointMillis} each, the group's count went from
 * {@code from} to {@code to} without ever falling, rose on {@code rises} steps (at least
 * {@code requiredRises} needed), and {@code stuckShare} of its members that had been in
 * the group for {@code minStillSamples} samples sat still for that many samples in a row.
 *
 * @param pointMillis the time one point of the judged history stands for
 * @param points how many points were judged
 * @param from the count at the first point
 * @param to the count at the last point
 * @param growth {@code to - from}
 * @param minGrowth the growth needed
 * @param rises on how many steps the count rose
 * @param requiredRises how many rises were needed
 * @param stuckShare the share of members, of those in the group for at least
 * {@code minStillSamples} samples, that sat still for at least that many samples in a
 * row, 0 to 1
 * @param minStuckShare the share needed
 * @param minStillSamples for how many samples in a row a member must have sat still to
 * count as stuck
 * @since 0.1.0
 */
public record Evidence(long pointMillis, int points, int from, int to, int growth, int minGrowth, int rises,
		int requiredRises, double stuckShare, double minStuckShare, int minStillSamples) {

	/** The evidence in one sentence. */
	public String describe() {
		return "grew from " + this.from + " to " + this.to + " threads over " + this.points + " points of "
				+ Durations.format(this.pointMillis) + ", never falling, rising on " + this.rises + " steps; "
				+ Math.round(this.stuckShare * 100) + "% of its members sat still for >= " + this.minStillSamples
				+ " samples";
	}

}
