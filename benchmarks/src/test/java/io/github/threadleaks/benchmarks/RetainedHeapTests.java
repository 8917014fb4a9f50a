package io.github.threadleaks.benchmarks;

import java.util.ArrayList;
import java.util.List;

import io.github.threadleaks.core.ThreadLeaksSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The memory probe at a tiny size: it measures something, and a churn run stays bounded.
 */
class RetainedHeapTests {

	@Test
	void aMonitorWithGroupsRetainsHeap() {
		assertThat(RetainedHeap.retainedBytes(200, 3, true)).isPositive();
	}

	@Test
	void churnKeepsTheTrackedGroupsBounded() {
		List<Integer> tracked = new ArrayList<>();
		List<Long> heap = new ArrayList<>();
		RetainedHeap.churn(200, 50, (sample, groups, bytes) -> {
			tracked.add(groups);
			heap.add(bytes);
		});

		assertThat(tracked).hasSize(4)
			.allSatisfy((groups) -> assertThat(groups).isBetween(RetainedHeap.CHURN_PER_SAMPLE,
					ThreadLeaksSettings.defaults().window() * RetainedHeap.CHURN_PER_SAMPLE));
		assertThat(heap).allSatisfy((bytes) -> assertThat(bytes).isPositive());
	}

}
