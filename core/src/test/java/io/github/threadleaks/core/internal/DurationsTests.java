package io.github.threadleaks.core.internal;

import java.time.Duration;

import io.github.threadleaks.core.InvalidSettingException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** One duration dialect, Spring Boot's, read and printed the same way by every module. */
class DurationsTests {

	@Test
	void textIsExactInTheLargestWholeUnit() {
		assertThat(Durations.text(Duration.ZERO)).isEqualTo("0ms");
		assertThat(Durations.text(Duration.ofMillis(500))).isEqualTo("500ms");
		assertThat(Durations.text(Duration.ofMillis(1500))).isEqualTo("1500ms");
		assertThat(Durations.text(Duration.ofSeconds(90))).isEqualTo("90s");
		assertThat(Durations.text(Duration.ofMinutes(5))).isEqualTo("5m");
		assertThat(Durations.text(Duration.ofHours(2))).isEqualTo("2h");
		assertThat(Durations.text(Duration.ofDays(3))).isEqualTo("3d");
		assertThat(Durations.text(Duration.ofSeconds(-1))).isEqualTo("-1s");
		assertThat(Durations.text(Duration.ofNanos(999_999))).isEqualTo("999999ns");
		assertThat(Durations.text(Duration.ofNanos(1_500))).isEqualTo("1500ns");
		assertThat(Durations.text(Duration.ofNanos(2_000))).isEqualTo("2us");
	}

	@Test
	void parsesSpringBootsSimpleForm() {
		assertThat(Durations.parse("s", "500ms")).isEqualTo(Duration.ofMillis(500));
		assertThat(Durations.parse("s", "30s")).isEqualTo(Duration.ofSeconds(30));
		assertThat(Durations.parse("s", "5m")).isEqualTo(Duration.ofMinutes(5));
		assertThat(Durations.parse("s", "2h")).isEqualTo(Duration.ofHours(2));
		assertThat(Durations.parse("s", "1d")).isEqualTo(Duration.ofDays(1));
		assertThat(Durations.parse("s", "250us")).isEqualTo(Duration.ofNanos(250_000));
		assertThat(Durations.parse("s", "7ns")).isEqualTo(Duration.ofNanos(7));
		assertThat(Durations.parse("s", " 2S ")).isEqualTo(Duration.ofSeconds(2));
		assertThat(Durations.parse("s", "-1s")).isEqualTo(Duration.ofSeconds(-1));
		// As Spring Boot reads a bare number where no unit is declared.
		assertThat(Durations.parse("s", "1500")).isEqualTo(Duration.ofMillis(1500));
	}

	@Test
	void parsesIso8601() {
		assertThat(Durations.parse("s", "PT1S")).isEqualTo(Duration.ofSeconds(1));
		assertThat(Durations.parse("s", "pt1.5s")).isEqualTo(Duration.ofMillis(1500));
		assertThat(Durations.parse("s", "P1DT2H")).isEqualTo(Duration.ofHours(26));
		assertThat(Durations.parse("s", "-PT1S")).isEqualTo(Duration.ofSeconds(-1));
	}

	@Test
	void whatItPrintsItReadsBack() {
		for (Duration duration : new Duration[] { Duration.ZERO, Duration.ofMillis(1500), Duration.ofDays(3),
				Duration.ofNanos(1_500), Duration.ofMinutes(-5) }) {
			assertThat(Durations.parse("s", Durations.text(duration))).isEqualTo(duration);
		}
	}

	@Test
	void rejectsAnythingElseNamingTheSettingAndTheForms() {
		for (String text : new String[] { "soon", "2 weeks", "2w", "1.5s", "", "PT", "99999999999999999999s",
				"9999999999999999d" }) {
			assertThatExceptionOfType(InvalidSettingException.class)
				.isThrownBy(() -> Durations.parse("threadleaks.junit.linger", text))
				.satisfies((ex) -> {
					assertThat(ex.setting()).isEqualTo("threadleaks.junit.linger");
					assertThat(ex.value()).isEqualTo(text);
					assertThat(ex.allowed()).isEqualTo(Durations.FORMS);
				});
		}
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> Durations.parse("interval", "soon"))
			.withMessage("interval must be a duration such as 500ms, 30s, 2h, 1d or PT1S but was soon");
	}

}
