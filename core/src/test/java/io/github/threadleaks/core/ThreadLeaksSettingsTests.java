package io.github.threadleaks.core;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ThreadLeaksSettingsTests {

	@Test
	void defaultsMatchTheContract() {
		ThreadLeaksSettings settings = ThreadLeaksSettings.defaults();
		assertThat(settings.sampleInterval()).isEqualTo(Duration.ofSeconds(10));
		assertThat(settings.window()).isEqualTo(30);
		assertThat(settings.minGrowth()).isEqualTo(10);
		assertThat(settings.stackDepth()).isEqualTo(32);
		assertThat(settings.maxGroups()).isEqualTo(1000);
		assertThat(settings.horizons()).isEqualTo(3);
		assertThat(settings.minStillSamples()).isEqualTo(3);
		assertThat(settings.maxStillCpuShare()).isEqualTo(0.01);
		assertThat(settings.stackWalkBudget()).isEqualTo(Duration.ofMillis(20));
		assertThat(settings.ignore().isEmpty()).isTrue();
	}

	@Test
	void minStillSamplesAppliesUpToOneLessThanTheWindow() {
		assertThat(ThreadLeaksSettings.builder().window(3).build().minStillSamples()).isEqualTo(2);
		assertThat(ThreadLeaksSettings.builder().window(10).minStillSamples(9).build().minStillSamples()).isEqualTo(9);
	}

	@Test
	void acceptsTheEdgesOfEveryRange() {
		ThreadLeaksSettings settings = ThreadLeaksSettings.builder()
			.sampleInterval(Duration.ofMillis(100))
			.window(3)
			.minGrowth(1)
			.minRiseShare(1.0)
			.minStuckShare(1.0)
			.horizons(1)
			.horizonFactor(2)
			.stackDepth(1024)
			.maxGroups(1)
			.minStillSamples(1)
			.maxStillCpuShare(0)
			.stackWalkBudget(Duration.ofMillis(1))
			.ignoredThreadNames(List.of("pool-.*"))
			.build();
		assertThat(settings.minStillSamples()).isEqualTo(1);
		assertThat(settings.maxStillCpuShare()).isZero();
		assertThat(ThreadLeaksSettings.builder()
			.maxStillCpuShare(1)
			.stackWalkBudget(Duration.ofHours(1))
			.build()
			.stackWalkBudget()).isEqualTo(Duration.ofHours(1));
		assertThat(settings.sampleInterval()).isEqualTo(Duration.ofMillis(100));
		assertThat(settings.stackDepth()).isEqualTo(1024);
		assertThat(settings.ignore().threadNames()).singleElement()
			.satisfies((pattern) -> assertThat(pattern.pattern()).isEqualTo("pool-.*"));
	}

	@Test
	void rejectsEachValueOutsideItsRangeNamingTheSetting() {
		assertRejected((b) -> b.sampleInterval(Duration.ofMillis(99)), "sample-interval", "at least 100ms");
		assertRejected((b) -> b.sampleInterval(Duration.ofSeconds(-1)), "sample-interval", "at least 100ms");
		assertRejected((b) -> b.sampleInterval(null), "sample-interval", "at least 100ms");
		assertRejected((b) -> b.window(2), "window", "between 3 and 10000");
		assertRejected((b) -> b.window(10_001), "window", "between 3 and 10000");
		assertRejected((b) -> b.minGrowth(0), "min-growth", "at least 1");
		assertRejected((b) -> b.minRiseShare(0), "min-rise-share", "greater than 0 and at most 1");
		assertRejected((b) -> b.minRiseShare(1.01), "min-rise-share", "greater than 0 and at most 1");
		assertRejected((b) -> b.minStuckShare(Double.NaN), "min-stuck-share", "greater than 0 and at most 1");
		assertRejected((b) -> b.horizons(0), "horizons", "between 1 and 6");
		assertRejected((b) -> b.horizonFactor(1), "horizon-factor", "between 2 and 1000");
		assertRejected((b) -> b.stackDepth(0), "stack-depth", "between 1 and 1024");
		assertRejected((b) -> b.stackDepth(1025), "stack-depth", "between 1 and 1024");
		assertRejected((b) -> b.maxGroups(0), "max-groups", "between 1 and 1000000");
		assertRejected((b) -> b.minStillSamples(0), "min-still-samples", "between 1 and 9999");
		assertRejected((b) -> b.maxStillCpuShare(-0.01), "max-still-cpu-share", "between 0 and 1");
		assertRejected((b) -> b.maxStillCpuShare(1.5), "max-still-cpu-share", "between 0 and 1");
		assertRejected((b) -> b.stackWalkBudget(Duration.ofNanos(999_999)), "stack-walk-budget", "between 1ms and 1h");
		assertRejected((b) -> b.stackWalkBudget(Duration.ofMinutes(61)), "stack-walk-budget", "between 1ms and 1h");
		assertRejected((b) -> b.stackWalkBudget(null), "stack-walk-budget", "between 1ms and 1h");
	}

	@Test
	void rejectsAnInvalidPatternNamingTheListAndIndex() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> ThreadLeaksSettings.builder().ignoredTopFrames(List.of("ok.*", "broken[")).build())
			.satisfies((ex) -> {
				assertThat(ex.setting()).isEqualTo("ignore.top-frames[1]");
				assertThat(ex.value()).isEqualTo("broken[");
				assertThat(ex.getMessage()).startsWith("ignore.top-frames[1] must be a valid regular expression")
					.contains("but was broken[");
			});
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> ThreadLeaksSettings.builder().ignoredThreadNames(List.of("(")).build())
			.satisfies((ex) -> assertThat(ex.setting()).isEqualTo("ignore.thread-names[0]"));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> ThreadLeaksSettings.builder().ignoredAnyFrames(List.of("*")).build())
			.satisfies((ex) -> assertThat(ex.setting()).isEqualTo("ignore.any-frames[0]"));
	}

	@Test
	void toBuilderKeepsEverySetting() throws IllegalAccessException {
		ThreadLeaksSettings changed = ThreadLeaksSettings.builder()
			.sampleInterval(Duration.ofMillis(1500))
			.window(50)
			.minGrowth(4)
			.minRiseShare(0.5)
			.minStuckShare(0.75)
			.minStillSamples(5)
			.maxStillCpuShare(0.02)
			.stackWalkBudget(Duration.ofMillis(40))
			.horizons(2)
			.horizonFactor(5)
			.stackDepth(16)
			.maxGroups(77)
			.ignoredThreadNames(List.of("a.*"))
			.ignoredTopFrames(List.of("b\\.c"))
			.ignoredAnyFrames(List.of("d.*"))
			.build();
		ThreadLeaksSettings defaults = ThreadLeaksSettings.defaults();
		ThreadLeaksSettings copy = changed.toBuilder().build();
		// Every field, read reflectively, so that a setting added later and forgotten in
		// toBuilder() fails here.
		for (Field field : ThreadLeaksSettings.class.getDeclaredFields()) {
			if (Modifier.isStatic(field.getModifiers())) {
				continue;
			}
			field.setAccessible(true);
			assertThat(text(field.get(changed))).as("%s differs from the default in this test", field.getName())
				.isNotEqualTo(text(field.get(defaults)));
			assertThat(text(field.get(copy))).as(field.getName()).isEqualTo(text(field.get(changed)));
		}
		assertThat(copy).hasToString(changed.toString());
	}

	@Test
	void withSampleIntervalChangesOnlyTheInterval() {
		ThreadLeaksSettings settings = ThreadLeaksSettings.builder().window(7).ignoredThreadNames(List.of("x")).build();
		ThreadLeaksSettings slower = settings.withSampleInterval(Duration.ofSeconds(30));
		assertThat(slower.sampleInterval()).isEqualTo(Duration.ofSeconds(30));
		assertThat(slower).hasToString(settings.toString().replace("sampleInterval=10s", "sampleInterval=30s"));
	}

	@Test
	void durationsPrintAsPropertiesAreWritten() {
		assertThat(ThreadLeaksSettings.defaults().toString()).startsWith("ThreadLeaksSettings[sampleInterval=10s,")
			.contains("stackWalkBudget=20ms,");
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> ThreadLeaksSettings.builder().sampleInterval(Duration.ofMillis(50)))
			.withMessage("sample-interval must be at least 100ms but was 50ms");
	}

	private static String text(Object value) {
		return String.valueOf(value);
	}

	private static void assertRejected(Consumer<ThreadLeaksSettings.Builder> change, String setting, String allowed) {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> change.accept(ThreadLeaksSettings.builder()))
			.satisfies((ex) -> {
				assertThat(ex.setting()).isEqualTo(setting);
				assertThat(ex.allowed()).isEqualTo(allowed);
				assertThat(ex.getMessage()).startsWith(setting + " must be " + allowed + " but was ");
			});
	}

}
