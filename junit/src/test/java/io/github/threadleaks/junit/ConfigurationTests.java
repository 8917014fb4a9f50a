package io.github.threadleaks.junit;

import java.time.Duration;

import io.github.threadleaks.junit.VerifyNoThreadLeaks.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code threadleaks.junit.*} configuration parameters (as set in
 * {@code junit-platform.properties}), their layering with annotations, and invalid
 * values, which fail the test naming the key or attribute at fault.
 */
class ConfigurationTests extends AbstractExtensionTests {

	@Test
	void ignoredThreadNamesComeFromTheConfigurationParameters() {
		EngineExecutionResults results = run(Plain.class,
				PlatformProperties.IGNORE_THREAD_NAMES + "=other-.*, leaky-\\d{1,3}");
		results.testEvents().assertStatistics((stats) -> stats.started(1).succeeded(1).failed(0));
	}

	@Test
	void ignoredFramesComeFromTheConfigurationParameters() {
		EngineExecutionResults top = run(Plain.class,
				PlatformProperties.IGNORE_TOP_FRAMES + "=jdk\\.internal\\.misc\\.Unsafe\\.park");
		top.testEvents().assertStatistics((stats) -> stats.started(1).succeeded(1).failed(0));
		EngineExecutionResults any = run(Plain.class,
				PlatformProperties.IGNORE_ANY_FRAMES + "=java\\.util\\.concurrent\\.SynchronousQueue\\.put");
		any.testEvents().assertStatistics((stats) -> stats.started(1).succeeded(1).failed(0));
	}

	@Test
	void theLingerComesFromTheConfigurationParametersUnlessAnAnnotationSetsIt() {
		assertThat(testFailure(run(Plain.class, PlatformProperties.LINGER + "=150ms")))
			.hasMessageContaining("still alive 150ms after it ended");
		assertThat(testFailure(run(WithLinger.class, PlatformProperties.LINGER + "=150ms")))
			.hasMessageContaining("still alive 50ms after it ended");
	}

	@Test
	void anInvalidLingerParameterFailsTheTestNamingTheKey() {
		assertInvalid(run(Plain.class, PlatformProperties.LINGER + "=soon"),
				"threadleaks.junit.linger must be a duration such as 500ms, 2s or PT2S but was \"soon\"");
		assertInvalid(run(Plain.class, PlatformProperties.LINGER + "=-PT1S"),
				"threadleaks.junit.linger must be from 0s to 10m but was \"-1s\"");
	}

	@Test
	void anInvalidPatternParameterFailsTheTestNamingTheKey() {
		assertInvalid(run(Plain.class, PlatformProperties.IGNORE_ANY_FRAMES + "=ok\\..*, (unclosed"),
				"threadleaks.junit.ignore.any-frames must be valid regular expressions (Unclosed group");
	}

	@Test
	void anInvalidDefaultsSwitchFailsTheTestNamingTheKey() {
		assertInvalid(run(Plain.class, PlatformProperties.IGNORE_DEFAULTS + "=yes"),
				"threadleaks.junit.ignore.defaults must be true or false but was \"yes\"");
	}

	@Test
	void anInvalidAnnotationFailsTheTestNamingTheAttribute() {
		assertInvalid(run(LingersTooLong.class), "@VerifyNoThreadLeaks(linger) on " + LingersTooLong.class.getName()
				+ " must be from 0s to 10m but was \"20m\"");
		assertInvalid(run(InvalidThreadNamePattern.class), "@VerifyNoThreadLeaks(ignoreThreadNames) on "
				+ InvalidThreadNamePattern.class.getName() + "#runs() must be valid regular expressions");
		assertInvalid(run(ClassScopeOnAMethod.class), "@VerifyNoThreadLeaks(scope = CLASS) on "
				+ ClassScopeOnAMethod.class.getName() + "#runs(): a method is always checked on its own");
	}

	@Test
	void theBuilderChecksEachValue() {
		assertThatExceptionOfType(ExtensionConfigurationException.class)
			.isThrownBy(() -> ThreadLeaksExtension.builder().linger(Duration.ofHours(1)))
			.withMessage("ThreadLeaksExtension.builder().linger(...) must be from 0s to 10m but was \"60m\"");
		assertThatExceptionOfType(ExtensionConfigurationException.class)
			.isThrownBy(() -> ThreadLeaksExtension.builder().ignoreTopFrames("ok", "[unclosed"))
			.withMessageStartingWith("ThreadLeaksExtension.builder().ignoreTopFrames(...) must be valid regular "
					+ "expressions (Unclosed character class at index 8) but was \"[unclosed\"");
	}

	@Test
	void patternListsSplitOnCommasOutsideQuantifiersClassesAndEscapes() {
		assertThat(PlatformProperties.split(" a-.* ,b\\d{1,3}, [,;]x ,c\\,d,, ")).containsExactly("a-.*", "b\\d{1,3}",
				"[,;]x", "c\\,d");
		assertThat(PlatformProperties.split("")).isEmpty();
	}

	@Test
	void durationsAreReadWithAUnitOrAsIso8601() {
		assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
		assertThat(DurationText.parse(" 2 s ")).isEqualTo(Duration.ofSeconds(2));
		assertThat(DurationText.parse("1m")).isEqualTo(Duration.ofMinutes(1));
		assertThat(DurationText.parse("PT1.5S")).isEqualTo(Duration.ofMillis(1500));
		assertThat(DurationText.parse("pt3s")).isEqualTo(Duration.ofSeconds(3));
		assertThat(DurationText.parse("2")).isNull();
		assertThat(DurationText.parse("2h")).isNull();
		assertThat(DurationText.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
		assertThat(DurationText.format(Duration.ofSeconds(1))).isEqualTo("1s");
		assertThat(DurationText.format(Duration.ofMinutes(10))).isEqualTo("10m");
		assertThat(DurationText.format(Duration.ZERO)).isEqualTo("0s");
	}

	private static void assertInvalid(EngineExecutionResults results, String message) {
		results.testEvents().assertStatistics((stats) -> stats.started(1).failed(1));
		assertThat(testFailure(results)).isInstanceOf(ExtensionConfigurationException.class)
			.hasMessageContaining(message);
	}

	@LeakExample
	@VerifyNoThreadLeaks
	static class Plain extends LeakyThreadExample {

	}

	@LeakExample
	@VerifyNoThreadLeaks(linger = "50ms")
	static class WithLinger extends LeakyThreadExample {

	}

	@LeakExample
	@VerifyNoThreadLeaks(linger = "20m")
	static class LingersTooLong extends LeakyThreadExample {

	}

	@LeakExample
	static class InvalidThreadNamePattern {

		@Test
		@VerifyNoThreadLeaks(ignoreThreadNames = "*")
		void runs() {
		}

	}

	@LeakExample
	static class ClassScopeOnAMethod {

		@Test
		@VerifyNoThreadLeaks(scope = Scope.CLASS)
		void runs() {
		}

	}

}
