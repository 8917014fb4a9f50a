package io.github.threadleaks.core;

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
		assertThat(settings.ignoredThreadNames()).isEmpty();
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
		assertThat(ThreadLeaksSettings.builder().maxStillCpuShare(1).stackWalkBudget(Duration.ofHours(1)).build()
			.stackWalkBudget()).isEqualTo(Duration.ofHours(1));
		assertThat(settings.sampleInterval()).isEqualTo(Duration.ofMillis(100));
		assertThat(settings.stackDepth()).isEqualTo(1024);
		assertThat(settings.ignoredThreadNames()).singleElement()
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
