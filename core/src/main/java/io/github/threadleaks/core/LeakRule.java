package io.github.threadleaks.core;

import org.jspecify.annotations.Nullable;

/**
 * The leak rule, whole: when a group becomes suspected, when it stays suspected and when
 * it clears. Its words:
 * <ul>
 * <li>a member is <em>still</em> when it has not moved since the previous sample (same
 * stack, counters unchanged, at most {@code max-still-cpu-share} of CPU) and the owner of
 * the lock it waits for, if any, has not moved either (decided by the
 * {@link ThreadTracker});
 * <li><em>stuck</em> when it has been still for {@code min-still-samples} samples in a
 * row;
 * <li><em>judged</em> once it has been in its group for {@code min-still-samples}
 * samples: a younger member cannot have been stuck that long, so it is no evidence either
 * way;
 * <li>the group's <em>survivors</em> of a point are the members now that were already in
 * the group at that point: a leak's threads never end.
 * </ul>
 * A group whose members are idle pool workers in a timed poll for their next task
 * ({@link IdleWorkers}) is never judged: its pool ends them after its keep-alive.
 * Otherwise a group is suspected on one of two kinds of evidence.
 * <p>
 * <b>Stuck growth</b>, over the last {@code window} points of any horizon, finest first:
 * the count never falls, rises on at least {@code min-rise-share} of a whole window's
 * steps, grows by at least {@code min-growth}; at least a third of the group, and at
 * least {@value #MIN_JUDGED} members, are judged at the latest point (evidence in
 * proportion to the group, so one old member never makes a share); at least
 * {@code min-stuck-share} of the judged members, summed over the window's steps, are
 * stuck; and at least half the members of the first point survive (a group whose members
 * keep being replaced is turnover). This tells a leak from a pool that grows because it
 * serves more load: a pool's members keep taking work, a leak's never move again.
 * <p>
 * <b>Waking growth</b>, over the longest horizon only (when there are at least two), once
 * it holds a whole window: the count never falls, rises on at least half the steps, grows
 * by at least twice {@code min-growth}, has as many judged members as above and at least
 * half the members of the first point survive. Its members may move: their threads keep
 * waking on a schedule (a scheduled executor per request, a client's reconnect loop or
 * wheel timer) and pile up all the same. Periodic work that does not accumulate threads
 * (one scheduler, a fixed pool) never grows, so it is never suspected by it.
 * <p>
 * Once suspected, a group stays suspected (a pause in the leak does not clear it) until
 * its count falls back below the count its growth was measured from plus
 * {@code min-growth} (the leaked threads were released), or until every member it had
 * when it was suspected has ended or moved on while its count held (turnover: its threads
 * are replaced, not leaked).
 */
final class LeakRule {

	/** The fewest judged members a suspicion rests on. */
	static final int MIN_JUDGED = 2;

	private final ThreadLeaksSettings settings;

	private final int requiredRises;

	LeakRule(ThreadLeaksSettings settings) {
		this.settings = settings;
		// Judged against a whole window even before one has passed, so a young series
		// cannot pass on a burst.
		this.requiredRises = Math.max(1, (int) Math.ceil(settings.minRiseShare() * (settings.window() - 1)));
	}

	/** Whether a member has been in its group long enough to be judged. */
	boolean judges(TrackedThread member) {
		return member.samplesInGroup >= this.settings.minStillSamples();
	}

	/**
	 * Whether a member is stuck: still for {@code min-still-samples} samples in a row.
	 */
	boolean isStuck(TrackedThread member) {
		return member.stillSamples >= this.settings.minStillSamples();
	}

	/**
	 * Judges a group after its latest sample was recorded, and changes its suspicion if
	 * the rule says so. Returns the change.
	 */
	Change judge(TrackedGroup group, long nowMillis) {
		if (group.idleWorkers) {
			return Change.UNCHANGED;
		}
		Evidence found = null;
		for (Horizon horizon : group.horizons) {
			found = stuckGrowth(horizon, survivors(group, horizon));
			if (found != null) {
				break;
			}
		}
		if (found == null && group.horizons.length > 1) {
			Horizon longest = group.horizons[group.horizons.length - 1];
			found = wakingGrowth(longest, survivors(group, longest));
		}
		boolean wasSuspected = group.suspected();
		if (found != null) {
			group.suspect(found, nowMillis);
			return wasSuspected ? Change.UNCHANGED : Change.SUSPECTED;
		}
		if (!wasSuspected) {
			return Change.UNCHANGED;
		}
		group.stillSuspected();
		if (group.count() < group.baseline() + this.settings.minGrowth()) {
			group.clearing("its count fell back to " + group.count() + ", below " + group.baseline() + " + "
					+ this.settings.minGrowth());
			return Change.CLEARED;
		}
		if (group.count() >= group.countWhenSuspected() && survivorsSince(group, group.samplesSuspected()) == 0) {
			group.clearing("every member it had when suspected has ended or moved on: its threads are replaced, "
					+ "not leaked");
			return Change.CLEARED;
		}
		return Change.UNCHANGED;
	}

	/**
	 * The evidence of stuck growth in this horizon, or {@code null} if the rule does not
	 * hold; {@code survivors} members now were in the group at the horizon's first point.
	 */
	@Nullable Evidence stuckGrowth(Horizon horizon, int survivors) {
		Series series = series(horizon);
		if (series == null) {
			return null;
		}
		long stuck = 0;
		long judged = 0;
		for (int i = 1; i < horizon.size(); i++) {
			stuck += horizon.stuck(i);
			judged += horizon.judged(i);
		}
		double stuckShare = (judged > 0) ? (double) stuck / judged : 0.0;
		if (series.rises < this.requiredRises || series.growth() < this.settings.minGrowth()
				|| !enoughEvidence(horizon, series, survivors) || stuckShare < this.settings.minStuckShare()) {
			return null;
		}
		return evidence(horizon, series, stuckShare, false);
	}

	/**
	 * The evidence of waking growth in this horizon (the longest), or {@code null} if the
	 * rule does not hold; {@code survivors} members now were in the group at the
	 * horizon's first point.
	 */
	@Nullable Evidence wakingGrowth(Horizon horizon, int survivors) {
		Series series = series(horizon);
		if (series == null || horizon.size() < this.settings.window()) {
			return null;
		}
		int rises = Math.max(this.requiredRises, (int) Math.ceil((horizon.size() - 1) / 2.0));
		if (series.rises < rises || series.growth() < 2 * this.settings.minGrowth()
				|| !enoughEvidence(horizon, series, survivors)) {
			return null;
		}
		return evidence(horizon, series, 0.0, true);
	}

	/**
	 * Enough judged members at the latest point, in proportion to the group, and enough
	 * of the first point's members still there.
	 */
	private boolean enoughEvidence(Horizon horizon, Series series, int survivors) {
		int judged = judgedAtLatest(horizon);
		return judged >= Math.max(MIN_JUDGED, (series.to + 2) / 3) && 2 * survivors >= series.from;
	}

	private static int judgedAtLatest(Horizon horizon) {
		return horizon.judged(horizon.size() - 1) / horizon.period();
	}

	private Evidence evidence(Horizon horizon, Series series, double stuckShare, boolean waking) {
		return new Evidence(horizon.meanPointMillis(), horizon.size(), series.from, series.to, series.growth(),
				this.settings.minGrowth(), series.rises, this.requiredRises, stuckShare, this.settings.minStuckShare(),
				this.settings.minStillSamples(), judgedAtLatest(horizon), waking,
				(long) horizon.samplesSinceFirstPoint());
	}

	/** The horizon's counts, if they never fall; {@code null} otherwise. */
	private static @Nullable Series series(Horizon horizon) {
		int points = horizon.size();
		if (points < 2) {
			return null;
		}
		int rises = 0;
		for (int i = 1; i < points; i++) {
			int change = horizon.count(i) - horizon.count(i - 1);
			if (change < 0) {
				return null;
			}
			if (change > 0) {
				rises++;
			}
		}
		return new Series(horizon.count(0), horizon.count(points - 1), rises);
	}

	/** The members now that were in the group at the horizon's first point. */
	private static int survivors(TrackedGroup group, Horizon horizon) {
		return survivorsSince(group, horizon.samplesSinceFirstPoint());
	}

	/** The members now that have been in the group for at least {@code samples}. */
	private static int survivorsSince(TrackedGroup group, long samples) {
		int survivors = 0;
		for (TrackedThread member : group.members) {
			if (member.samplesInGroup >= samples) {
				survivors++;
			}
		}
		return survivors;
	}

	/** A horizon's counts that never fall: from, to and on how many steps they rose. */
	private record Series(int from, int to, int rises) {

		int growth() {
			return this.to - this.from;
		}

	}

	/** What one judgement changed. */
	enum Change {

		UNCHANGED, SUSPECTED, CLEARED

	}

}
