package io.github.threadleaks.cli;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DurationConverterTests {

	private final DurationConverter converter = new DurationConverter();

	@Test
	void readsDurationsAsPeopleWriteThem() {
		assertThat(this.converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
		assertThat(this.converter.convert("2s")).isEqualTo(Duration.ofSeconds(2));
		assertThat(this.converter.convert("5m")).isEqualTo(Duration.ofMinutes(5));
		assertThat(this.converter.convert("1h")).isEqualTo(Duration.ofHours(1));
		assertThat(this.converter.convert("1d")).isEqualTo(Duration.ofDays(1));
		assertThat(this.converter.convert("PT1.5S")).isEqualTo(Duration.ofMillis(1500));
	}

	@Test
	void rejectsAnythingElseSayingWhatItWants() {
		assertThatExceptionOfType(TypeConversionException.class).isThrownBy(() -> this.converter.convert("2 weeks"))
			.withMessage("'2 weeks' is not a duration such as 500ms, 30s, 2h, 1d or PT1S");
		CliRun run = CliRun.of("watch", "1", "--interval", "soon");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("'soon' is not a duration such as 500ms, 30s, 2h, 1d or PT1S");
	}

}
