package io.github.threadleaks.core;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A label goes after the count an explanation begins with, as messages name a group. */
class LabelledExplanationTests {

	@Test
	void theLabelGoesAfterTheCount() {
		assertThat(group(2, GroupExplanation.subject(2) + " WAITING, oldest stuck 1s").explanation("like \"pool-#\""))
			.isEqualTo("2 threads like \"pool-#\" WAITING, oldest stuck 1s");
		assertThat(group(1, GroupExplanation.subject(1) + " WAITING").explanation("like \"x\""))
			.isEqualTo("1 thread like \"x\" WAITING");
	}

	@Test
	void anExplanationWrittenElsewhereFollowsTheLabel() {
		assertThat(group(2, "read from a dump").explanation("like \"x\""))
			.isEqualTo("2 threads like \"x\": read from a dump");
		assertThat(group(12, "1 thread WAITING").explanation("like \"x\""))
			.isEqualTo("12 threads like \"x\": 1 thread WAITING");
	}

	private static StackGroupReport group(int count, String explanation) {
		return new StackGroupReport("0123456789ab", "pool-#", Thread.State.WAITING, count, 0, false, List.of(),
				List.of(count), 0, 0, 0, null, null, 0, explanation);
	}

}
