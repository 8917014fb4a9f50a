package io.github.threadleaks.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HorizonTests {

	@Test
	void keepsTheLatestPointsOldestFirst() {
		Horizon horizon = new Horizon(1, 3);
		for (int count = 1; count <= 5; count++) {
			horizon.add(count, count - 1, count - 1, 10_000);
		}
		assertThat(horizon.size()).isEqualTo(3);
		assertThat(horizon.counts()).containsExactly(3, 4, 5);
		assertThat(horizon.stuck(0)).isEqualTo(2);
		assertThat(horizon.judged(2)).isEqualTo(4);
	}

	@Test
	void aCoarsePointHoldsTheFloorOfItsSamplesAndTheSumsOfTheirSteps() {
		Horizon horizon = new Horizon(3, 4);
		horizon.add(9, 1, 2, 10_000);
		horizon.add(4, 1, 9, 10_000);
		assertThat(horizon.size()).as("a partial period is not a point yet").isZero();
		horizon.add(7, 3, 4, 10_000);
		assertThat(horizon.counts()).containsExactly(4);
		assertThat(horizon.stuck(0)).isEqualTo(5);
		assertThat(horizon.judged(0)).isEqualTo(15);
	}

	@Test
	void memoryIsFixedHoweverLongItRuns() {
		Horizon horizon = new Horizon(2, 5);
		for (int i = 0; i < 100_000; i++) {
			horizon.add(i, 0, 0, 10_000);
		}
		assertThat(horizon.size()).isEqualTo(5);
		assertThat(horizon.counts()).containsExactly(99_990, 99_992, 99_994, 99_996, 99_998);
	}

}
