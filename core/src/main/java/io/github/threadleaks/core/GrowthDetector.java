package io.github.threadleaks.core;

import org.jspecify.annotations.Nullable;

/**
 * The leak rule. Over the last {@code window} points of a horizon a group is suspected
 * when its count never falls, rises on at least {@code min-rise-share} of the window's
 * steps, grows by at least {@code min-growth}, and at least {@code min-stuck-share} of
 * its members (of those in the group for {@code min-still-samples} samples) sat still for
 * {@code min-still-samples} samples in a row. The last condition is what tells a leak
 * from a pool that grows because it serves more load, or whose tasks sit still briefly: a
 * pool's members keep taking work, a leak's never move again.
 */
final class GrowthDetector {

	private final ThreadLeaksSettings settings;

	private final int requiredRises;

	GrowthDetector(ThreadLeaksSettings settings) {
		this.settings = settings;
		// Judged against a whole window even before one has passed, so a young series
		// cannot pass on a burst.
		this.requiredRises = Math.max(1, (int) Math.ceil(settings.minRiseShare() * (settings.window() - 1)));
	}

	/**
	 * The evidence of a leak in this horizon, or {@code null} if the rule does not hold.
	 */
	@Nullable Evidence judge(Horizon horizon, long pointMillis) {
		int points = horizon.size();
		if (points < 2) {
			return null;
		}
		int rises = 0;
		long stuck = 0;
		long previous = 0;
		for (int i = 1; i < points; i++) {
			int change = horizon.count(i) - horizon.count(i - 1);
			if (change < 0) {
				return null;
			}
			if (change > 0) {
				rises++;
			}
			stuck += horizon.stuck(i);
			previous += horizon.previous(i);
		}
		int from = horizon.count(0);
		int to = horizon.count(points - 1);
		double stuckShare = (previous > 0) ? (double) stuck / previous : 0.0;
		if (rises < this.requiredRises || to - from < this.settings.minGrowth()
				|| stuckShare < this.settings.minStuckShare()) {
			return null;
		}
		return new Evidence(pointMillis, points, from, to, to - from, this.settings.minGrowth(), rises,
				this.requiredRises, stuckShare, this.settings.minStuckShare(), this.settings.minStillSamples());
	}

}
