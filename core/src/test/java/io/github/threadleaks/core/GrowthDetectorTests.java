package io.github.threadleaks.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule alone, on series written out by hand, so each condition is seen to matter. */
class GrowthDetectorTests {

	private final GrowthDetector detector = new GrowthDetector(
			ThreadLeaksSettings.builder().window(5).minGrowth(4).minRiseShare(0.5).minStuckShare(0.9).build());

	@Test
	void aStuckGroupThatGrowsStepAfterStepIsSuspected() {
		Evidence evidence = this.detector.judge(leak(0, 2, 4, 6, 8), 10_000);
		assertThat(evidence).isNotNull();
		assertThat(evidence.from()).isZero();
		assertThat(evidence.to()).isEqualTo(8);
		assertThat(evidence.growth()).isEqualTo(8);
		assertThat(evidence.rises()).isEqualTo(4);
		assertThat(evidence.requiredRises()).isEqualTo(2);
		assertThat(evidence.stuckShare()).isEqualTo(1.0);
		assertThat(evidence.pointMillis()).isEqualTo(10_000);
		assertThat(evidence.describe()).isEqualTo("grew from 0 to 8 threads over 5 points of 10s, never falling, "
				+ "rising on 4 steps; 100% of its members sat still for >= 3 samples");
	}

	@Test
	void aSingleFallClearsTheCase() {
		assertThat(this.detector.judge(leak(0, 3, 6, 5, 9), 1000)).isNull();
	}

	@Test
	void growthBelowTheMinimumIsNotALeak() {
		assertThat(this.detector.judge(leak(5, 6, 7, 8, 8), 1000)).isNull();
		assertThat(this.detector.judge(leak(5, 6, 7, 8, 9), 1000)).isNotNull();
	}

	@Test
	void aBurstIsNotALeakHoweverLarge() {
		assertThat(this.detector.judge(leak(0, 0, 50, 50, 50), 1000)).as("one rise of the two needed").isNull();
	}

	@Test
	void riseShareIsJudgedAgainstAWholeWindowEvenWhenTheSeriesIsYoung() {
		assertThat(this.detector.judge(leak(0, 20), 1000)).as("one rise: a young burst").isNull();
		assertThat(this.detector.judge(leak(0, 10, 20), 1000)).isNotNull();
	}

	@Test
	void aGroupWhoseMembersKeepMovingIsNotALeak() {
		Horizon servingMoreLoad = new Horizon(1, 5);
		int previous = 0;
		for (int count : new int[] { 2, 4, 6, 8, 10 }) {
			servingMoreLoad.add(count, previous / 2, previous, 1000);
			previous = count;
		}
		assertThat(this.detector.judge(servingMoreLoad, 1000)).isNull();
	}

	@Test
	void oneMovingMemberAmongManyStuckOnesStillLeaks() {
		Horizon mixed = new Horizon(1, 5);
		int previous = 0;
		for (int count : new int[] { 11, 21, 31, 41, 51 }) {
			mixed.add(count, Math.max(0, previous - 1), previous, 1000);
			previous = count;
		}
		Evidence evidence = this.detector.judge(mixed, 1000);
		assertThat(evidence).isNotNull();
		assertThat(evidence.stuckShare()).isBetween(0.9, 1.0);
	}

	@Test
	void aSinglePointProvesNothing() {
		assertThat(this.detector.judge(leak(100), 1000)).isNull();
		assertThat(this.detector.judge(new Horizon(1, 5), 1000)).isNull();
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
