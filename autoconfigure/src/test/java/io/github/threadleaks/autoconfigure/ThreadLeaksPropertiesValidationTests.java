package io.github.threadleaks.autoconfigure;

import io.github.threadleaks.autoconfigure.metrics.ThreadLeaksMetricsAutoConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Every invalid value fails start-up, with a message naming the property, its value and the allowed range. */
class ThreadLeaksPropertiesValidationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadLeaksAutoConfiguration.class,
				ThreadLeaksMetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class);

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			sample-interval           | 50ms   | 50ms   | at least 100ms
			sample-interval           | 0      | 0ms    | at least 100ms
			window                    | 2      | 2      | between 3 and 10000
			window                    | 10001  | 10001  | between 3 and 10000
			min-growth                | 0      | 0      | at least 1
			min-rise-share            | 0      | 0.0    | greater than 0 and at most 1
			min-rise-share            | 1.5    | 1.5    | greater than 0 and at most 1
			min-stuck-share           | 0      | 0.0    | greater than 0 and at most 1
			min-stuck-share           | 1.01   | 1.01   | greater than 0 and at most 1
			horizons                  | 0      | 0      | between 1 and 6
			horizons                  | 7      | 7      | between 1 and 6
			horizon-factor            | 1      | 1      | between 2 and 1000
			stack-depth               | 0      | 0      | between 1 and 1024
			stack-depth               | 1025   | 1025   | between 1 and 1024
			max-groups                | 0      | 0      | between 1 and 1000000
			ignore.thread-names[0]    | "a("   | a(     | a valid regular expression
			ignore.top-frames[0]      | [x     | [x     | a valid regular expression
			ignore.any-frames[0]      | *x     | *x     | a valid regular expression
			metrics.max-groups        | -1     | -1     | between 0 and 1000
			metrics.max-groups        | 1001   | 1001   | between 0 and 1000
			""")
	void invalidValueFailsStartUp(String key, String value, String shownValue, String allowed) {
		assertFailure("threadleaks." + key + "=" + value, "Property threadleaks." + key + " with value '"
				+ shownValue + "' is invalid: Must be " + allowed);
	}

	@Test
	void invalidPatternIsNamedByItsIndex() {
		assertFailure("threadleaks.ignore.thread-names=ok.*,a(",
				"Property threadleaks.ignore.thread-names[1] with value 'a(' is invalid: Must be a valid regular "
						+ "expression (Unclosed group");
	}

	private void assertFailure(String property, String message) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageStartingWith(message);
		});
	}

}
