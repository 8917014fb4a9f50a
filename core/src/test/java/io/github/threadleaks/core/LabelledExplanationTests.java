package io.github.threadleaks.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A label goes after the count an explanation begins with, as messages name a group. */
class LabelledExplanationTests {

	@Test
	void theSentenceIsTheCountThenTheVerdict() {
		assertThat(new GroupExplanation(2, "WAITING, oldest stuck 1s").text())
			.isEqualTo("2 threads WAITING, oldest stuck 1s");
		assertThat(new GroupExplanation(1, "WAITING").text()).isEqualTo("1 thread WAITING");
	}

	@Test
	void theLabelGoesAfterTheCount() {
		assertThat(new GroupExplanation(2, "WAITING, oldest stuck 1s").heading("like \"pool-#\""))
			.isEqualTo("2 threads like \"pool-#\" WAITING, oldest stuck 1s");
		assertThat(new GroupExplanation(1, "WAITING").heading("like \"x\"")).isEqualTo("1 thread like \"x\" WAITING");
	}

	@Test
	void aVerdictThatBeginsLikeACountIsNotReadAsOne() {
		assertThat(new GroupExplanation(12, "1 thread WAITING").heading("like \"x\""))
			.isEqualTo("12 threads like \"x\" 1 thread WAITING");
	}

}
