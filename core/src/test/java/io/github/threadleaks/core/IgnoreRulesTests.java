package io.github.threadleaks.core;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The ignore rules: checked once where they are made, matched whole, added up. */
class IgnoreRulesTests {

	private static final List<StackFrame> PARKED_WORKER = List.of(
			new StackFrame("jdk.internal.misc.Unsafe", "park", "Unsafe.java", -1),
			new StackFrame("com.example.Worker", "run", "Worker.java", 12));

	@Test
	void matchesTheWholeNameTheTopFrameOrAnyFrame() {
		IgnoreRules rules = IgnoreRules.of(List.of("grpc-.*"), List.of("jdk\\.internal\\.misc\\.Unsafe\\.park"),
				List.of());
		assertThat(rules.ignoresName("grpc-default-executor-1")).isTrue();
		assertThat(rules.ignoresName("my-grpc-1")).isFalse();
		assertThat(rules.ignoresStack(PARKED_WORKER)).isTrue();
		assertThat(IgnoreRules.anyFrames("any", List.of("com\\.example\\.Worker\\.run")).ignoresStack(PARKED_WORKER))
			.isTrue();
		assertThat(IgnoreRules.topFrames("top", List.of("com\\.example\\.Worker\\.run")).ignoresStack(PARKED_WORKER))
			.isFalse();
		assertThat(IgnoreRules.NONE.ignoresStack(PARKED_WORKER)).isFalse();
		assertThat(IgnoreRules.NONE.ignoresStack(List.of())).isFalse();
	}

	@Test
	void rulesFromSeveralPlacesAddUp() {
		IgnoreRules names = IgnoreRules.threadNames("here", List.of("a-.*"));
		IgnoreRules more = IgnoreRules.threadNames("there", List.of("b-.*"))
			.and(IgnoreRules.anyFrames("there", List.of("x\\.y")));
		IgnoreRules both = names.and(more);
		assertThat(both.ignoresName("a-1")).isTrue();
		assertThat(both.ignoresName("b-1")).isTrue();
		assertThat(both.anyFrames()).hasSize(1);
		assertThat(both).isEqualTo(IgnoreRules.of(List.of("a-.*", "b-.*"), List.of(), List.of("x\\.y")))
			.hasSameHashCodeAs(IgnoreRules.of(List.of("a-.*", "b-.*"), List.of(), List.of("x\\.y")));
		assertThat(names.and(IgnoreRules.NONE)).isSameAs(names);
		assertThat(IgnoreRules.NONE.and(names)).isSameAs(names);
		assertThat(IgnoreRules.NONE.isEmpty()).isTrue();
		assertThat(both.isEmpty()).isFalse();
	}

	@Test
	void anInvalidExpressionIsNamedBySettingAndIndex() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> IgnoreRules.topFrames("@VerifyNoThreadLeaks(ignoreTopFrames)", List.of("ok", "[x")))
			.satisfies((ex) -> {
				assertThat(ex.setting()).isEqualTo("@VerifyNoThreadLeaks(ignoreTopFrames)[1]");
				assertThat(ex.value()).isEqualTo("[x");
				assertThat(ex.allowed()).startsWith("a valid regular expression (Unclosed character class");
			});
	}

}
