package io.github.threadleaks.core;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LockGraphTests {

	@Test
	void aCycleOfOwnersAmongManyWaitersIsFound() {
		List<ThreadCensus> census = new ArrayList<>(waitersOn(2, 100));
		census.add(waiting(1, 2));
		census.add(waiting(2, 1));

		assertThat(LockGraph.hasCycle(census)).isTrue();
	}

	@Test
	void aLongCycleIsFound() {
		assertThat(LockGraph.hasCycle(List.of(waiting(1, 2), waiting(2, 3), waiting(3, 4), waiting(4, 1)))).isTrue();
	}

	@Test
	void waitersOnALiveOwnerAndChainsWithoutACycleAreNotDeadlocks() {
		List<ThreadCensus> census = new ArrayList<>(waitersOn(2, 100));
		census.add(waiting(2, 3));
		census.add(new ThreadCensus(3, "owner", Thread.State.RUNNABLE, false, null, -1, null, 0, 0, 5));

		assertThat(LockGraph.hasCycle(census)).isFalse();
	}

	private static List<ThreadCensus> waitersOn(long owner, int count) {
		List<ThreadCensus> waiters = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			waiters.add(waiting(1000 + i, owner));
		}
		return waiters;
	}

	private static ThreadCensus waiting(long id, long owner) {
		return new ThreadCensus(id, "thread-" + id, Thread.State.BLOCKED, false, "java.lang.Object@1", owner,
				"thread-" + owner, 0, 1, -1);
	}

}
