package io.github.threadleaks.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule alone, on series written out by hand, so each condition is seen to matter. */
class LeakRuleTests {

	/** Every member of a horizon's first point is still a member. */
	private static final int ALL_SURVIVE = 1_000_000;

	private final LeakRule rule = new LeakRule(
			ThreadLeaksSettings.builder().window(5).minGrowth(4).minRiseShare(0.5).minStuckShare(0.9).build());

	@Test
	void aStuckGroupThatGrowsStepAfterStepIsSuspected() {
		Evidence evidence = this.rule.stuckGrowth(leak(0, 2, 4, 6, 8), ALL_SURVIVE);
		assertThat(evidence).isNotNull();
		assertThat(evidence.from()).isZero();
		assertThat(evidence.to()).isEqualTo(8);
		assertThat(evidence.growth()).isEqualTo(8);
		assertThat(evidence.rises()).isEqualTo(4);
		assertThat(evidence.requiredRises()).isEqualTo(2);
		assertThat(evidence.stuckShare()).isEqualTo(1.0);
		assertThat(evidence.pointMillis()).isEqualTo(10_000);
		assertThat(evidence.judged()).isEqualTo(6);
		assertThat(evidence.describe()).isEqualTo("grew from 0 to 8 threads over 5 points of 10s, never falling, "
				+ "rising on 4 steps; 100% of the judged members stuck for >= 3 samples, counted over the window's "
				+ "steps (6 judged now, in the group for >= 3 samples)");
	}

	@Test
	void aSingleFallClearsTheCase() {
		assertThat(this.rule.stuckGrowth(leak(0, 3, 6, 5, 9), ALL_SURVIVE)).isNull();
	}

	@Test
	void growthBelowTheMinimumIsNotALeak() {
		assertThat(this.rule.stuckGrowth(leak(5, 6, 7, 8, 8), ALL_SURVIVE)).isNull();
		assertThat(this.rule.stuckGrowth(leak(5, 6, 7, 8, 9), ALL_SURVIVE)).isNotNull();
	}

	@Test
	void aBurstIsNotALeakHoweverLarge() {
		assertThat(this.rule.stuckGrowth(leak(0, 0, 50, 50, 50), ALL_SURVIVE)).as("one rise of the two needed")
			.isNull();
	}

	@Test
	void riseShareIsJudgedAgainstAWholeWindowEvenWhenTheSeriesIsYoung() {
		assertThat(this.rule.stuckGrowth(leak(0, 20), ALL_SURVIVE)).as("one rise: a young burst").isNull();
		assertThat(this.rule.stuckGrowth(leak(0, 10, 20), ALL_SURVIVE)).isNotNull();
	}

	@Test
	void aGroupWhoseMembersKeepMovingIsNotALeak() {
		Horizon servingMoreLoad = new Horizon(1, 5);
		int previous = 0;
		for (int count : new int[] { 2, 4, 6, 8, 10 }) {
			servingMoreLoad.add(count, previous / 2, previous, 1000);
			previous = count;
		}
		assertThat(this.rule.stuckGrowth(servingMoreLoad, ALL_SURVIVE)).isNull();
	}

	@Test
	void oneMovingMemberAmongManyStuckOnesStillLeaks() {
		Horizon mixed = new Horizon(1, 5);
		int previous = 0;
		for (int count : new int[] { 11, 21, 31, 41, 51 }) {
			mixed.add(count, Math.max(0, previous - 1), previous, 1000);
			previous = count;
		}
		Evidence evidence = this.rule.stuckGrowth(mixed, ALL_SURVIVE);
		assertThat(evidence).isNotNull();
		assertThat(evidence.stuckShare()).isBetween(0.9, 1.0);
	}

	@Test
	void aSinglePointProvesNothing() {
		assertThat(this.rule.stuckGrowth(leak(100), ALL_SURVIVE)).isNull();
		assertThat(this.rule.stuckGrowth(new Horizon(1, 5), ALL_SURVIVE)).isNull();
	}

	@Test
	void oneJudgedMemberIsNoEvidenceAboutTheOthers() {
		Horizon young = new Horizon(1, 5);
		int[] counts = { 4, 6, 8, 9, 11 };
		for (int count : counts) {
			young.add(count, 1, 1, 500);
		}
		assertThat(this.rule.stuckGrowth(young, ALL_SURVIVE)).as("100% of one judged member").isNull();
	}

	@Test
	void aGroupWhoseFirstMembersHaveEndedIsTurnoverNotALeak() {
		assertThat(this.rule.stuckGrowth(leak(10, 12, 14, 16, 18), 4)).as("4 of the first 10 left").isNull();
		assertThat(this.rule.stuckGrowth(leak(10, 12, 14, 16, 18), 5)).isNotNull();
	}

	@Test
	void wakingGrowthNeedsTheWholeLongestWindowAndTwiceTheGrowth() {
		Horizon waking = new Horizon(10, 5);
		for (int sample = 0; sample < 49; sample++) {
			int count = 10 + sample / 5;
			waking.add(count, 0, count, 1000);
		}
		assertThat(this.rule.wakingGrowth(waking, ALL_SURVIVE)).as("four points of five").isNull();
		waking.add(20, 0, 20, 1000);
		Evidence evidence = this.rule.wakingGrowth(waking, ALL_SURVIVE);
		assertThat(evidence).isNotNull();
		assertThat(evidence.waking()).isTrue();
		assertThat(evidence.describe()).isEqualTo("grew from 10 to 18 threads over 5 points of 10s, never falling, "
				+ "rising on 4 steps; its threads keep waking on a schedule; the group never fell over 40 samples");
		assertThat(this.rule.stuckGrowth(waking, ALL_SURVIVE)).as("nobody stuck").isNull();
	}

	@Test
	void wakingGrowthBelowTwiceTheMinimumIsNotALeak() {
		Horizon slow = new Horizon(10, 5);
		for (int sample = 0; sample < 50; sample++) {
			slow.add(10 + sample / 7, 0, 10, 1000);
		}
		assertThat(this.rule.wakingGrowth(slow, ALL_SURVIVE)).isNull();
	}

	/**
	 * A series whose members all sit still: each step's stuck count is the previous
	 * count.
	 */
	private static Horizon leak(int... counts) {
		Horizon horizon = new Horizon(1, 5);
		int previous = 0;
		for (int count : counts) {
			horizon.add(count, previous, previous, 10_000);
			previous = count;
		}
		return horizon;
	}

}
