package io.github.threadleaks.autoconfigure;

import io.github.threadleaks.autoconfigure.metrics.ThreadLeaksMetricsAutoConfiguration;
import io.github.threadleaks.junit.VerifyNoThreadLeaks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every invalid value fails start-up, with a message naming the property, its value and
 * the allowed range.
 */
@VerifyNoThreadLeaks
class ThreadLeaksPropertiesValidationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(ThreadLeaksAutoConfiguration.class, ThreadLeaksMetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class);

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			sample-interval           | 50ms   | 50ms   | at least 100ms
			sample-interval           | 0      | 0ms    | at least 100ms
			sample-interval           | -1s    | -1s    | at least 100ms
			window                    | 2      | 2      | between 3 and 10000
			window                    | 10001  | 10001  | between 3 and 10000
			min-growth                | 0      | 0      | at least 1
			min-growth                | -5     | -5     | at least 1
			min-rise-share            | 0      | 0.0    | greater than 0 and at most 1
			min-rise-share            | 1.5    | 1.5    | greater than 0 and at most 1
			min-rise-share            | NaN    | NaN    | greater than 0 and at most 1
			min-stuck-share           | 0      | 0.0    | greater than 0 and at most 1
			min-stuck-share           | 1.01   | 1.01   | greater than 0 and at most 1
			min-still-samples         | 0      | 0      | between 1 and 9999
			max-still-cpu-share       | -0.5   | -0.5   | between 0 and 1
			max-still-cpu-share       | 2      | 2.0    | between 0 and 1
			stack-walk-budget         | 0ms    | 0ms    | between 1ms and 1h
			stack-walk-budget         | 2h     | 2h     | between 1ms and 1h
			creation-site.application-packages[0] | com.acme.* | com.acme.* | a package name such as com.example.orders
			horizons                  | 0      | 0      | between 1 and 6
			horizons                  | 7      | 7      | between 1 and 6
			horizon-factor            | 1      | 1      | between 2 and 1000
			horizon-factor            | 1001   | 1001   | between 2 and 1000
			stack-depth               | 0      | 0      | between 1 and 1024
			stack-depth               | 1025   | 1025   | between 1 and 1024
			max-groups                | 0      | 0      | between 1 and 1000000
			max-groups                | 1000001 | 1000001 | between 1 and 1000000
			ignore.thread-names[0]    | "a("   | a(     | a valid regular expression
			ignore.top-frames[0]      | [x     | [x     | a valid regular expression
			ignore.any-frames[0]      | *x     | *x     | a valid regular expression
			metrics.max-groups        | -1     | -1     | between 0 and 1000
			metrics.max-groups        | 1001   | 1001   | between 0 and 1000
			virtual-threads.interval  | 50ms   | 50ms   | at least 100ms
			virtual-threads.max-sample-time | 0ms | 0ms | at least 1ms
			virtual-threads.max-interval | 50ms | 50ms   | at least 100ms
			virtual-threads.max-threads  | 0      | 0      | at least 1
			creation-site.max-threads | 0     | 0      | between 1 and 10000000
			creation-site.max-threads | 10000001 | 10000001 | between 1 and 10000000
			""")
	void invalidValueFailsStartUp(String key, String value, String shownValue, String allowed) {
		assertFailure("threadleaks." + key + "=" + value,
				"Property threadleaks." + key + " with value '" + shownValue + "' is invalid: Must be " + allowed);
	}

	/**
	 * A value that is not even of the property's type fails in Boot's binder, before any
	 * range check: its message names the property and the value, and the property's
	 * description (in the metadata) gives the range.
	 */
	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			enabled              | perhaps  | java.lang.Boolean
			sample-interval      | ten      | java.time.Duration
			sample-interval      | 10 s     | java.time.Duration
			window               | thirty   | int
			window               | 3.5      | int
			window               | 99999999999 | int
			min-growth           | many     | int
			min-rise-share       | quarter  | double
			min-stuck-share      | 90%      | double
			horizons             | three    | int
			horizon-factor       | x10      | int
			stack-depth          | deep     | int
			max-groups           | 1e3      | int
			metrics.max-groups   | twenty   | int
			""")
	void valueOfTheWrongTypeFailsStartUpNamingPropertyAndValue(String key, String value, String type) {
		this.contextRunner.withPropertyValues("threadleaks." + key + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			BindException bind = findCause(failure, BindException.class);
			assertThat(bind).as("binding failure of %s", key).isNotNull();
			assertThat(bind.getProperty().getName()).hasToString("threadleaks." + key);
			assertThat(bind.getProperty().getValue()).hasToString(value);
			assertThat(bind.getMessage()).contains("threadleaks." + key, type);
		});
	}

	@Test
	void everyInvalidPatternFailsNotOnlyTheFirstList() {
		assertFailure("threadleaks.ignore.any-frames=com\\.example\\..*,(?<name",
				"Property threadleaks.ignore.any-frames[1] with value '(?<name' is invalid: Must be a valid regular "
						+ "expression");
	}

	@Test
	void invalidPatternIsNamedByItsIndex() {
		assertFailure("threadleaks.ignore.thread-names=ok.*,a(",
				"Property threadleaks.ignore.thread-names[1] with value 'a(' is invalid: Must be a valid regular "
						+ "expression (Unclosed group");
	}

	private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
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
