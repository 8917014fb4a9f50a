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
				"threadleaks.junit.linger must be a duration such as 500ms, 30s, 2h, 1d or PT1S but was soon");
		assertInvalid(run(Plain.class, PlatformProperties.LINGER + "=-PT1S"),
				"threadleaks.junit.linger must be between 0ms and 10m but was -1s");
	}

	@Test
	void anInvalidPatternParameterFailsTheTestNamingTheKey() {
		assertInvalid(run(Plain.class, PlatformProperties.IGNORE_ANY_FRAMES + "=ok\\..*, (unclosed"),
				"threadleaks.junit.ignore.any-frames[1] must be a valid regular expression (Unclosed group");
	}

	@Test
	void anInvalidDefaultsSwitchFailsTheTestNamingTheKey() {
		assertInvalid(run(Plain.class, PlatformProperties.IGNORE_DEFAULTS + "=yes"),
				"threadleaks.junit.ignore.defaults must be true or false but was \"yes\"");
	}

	@Test
	void anInvalidAnnotationFailsTheTestNamingTheAttribute() {
		assertInvalid(run(LingersTooLong.class), "@VerifyNoThreadLeaks(linger) on " + LingersTooLong.class.getName()
				+ " must be between 0ms and 10m but was 20m");
		assertInvalid(run(InvalidThreadNamePattern.class), "@VerifyNoThreadLeaks(ignoreThreadNames) on "
				+ InvalidThreadNamePattern.class.getName() + "#runs()[0] must be a valid regular expression");
		assertInvalid(run(ClassScopeOnAMethod.class), "@VerifyNoThreadLeaks(scope = CLASS) on "
				+ ClassScopeOnAMethod.class.getName() + "#runs(): a method is always checked on its own");
	}

	@Test
	void theBuilderChecksEachValue() {
		assertThatExceptionOfType(ExtensionConfigurationException.class)
			.isThrownBy(() -> ThreadLeaksExtension.builder().linger(Duration.ofHours(1)))
			.withMessage("ThreadLeaksExtension.builder().linger(...) must be between 0ms and 10m but was 1h");
		assertThatExceptionOfType(ExtensionConfigurationException.class)
			.isThrownBy(() -> ThreadLeaksExtension.builder().ignoreTopFrames("ok", "[unclosed"))
			.withMessage("ThreadLeaksExtension.builder().ignoreTopFrames(...)[1] must be a valid regular "
					+ "expression (Unclosed character class at index 8) but was [unclosed");
	}

	@Test
	void patternListsSplitOnCommasOutsideQuantifiersClassesAndEscapes() {
		assertThat(PlatformProperties.split(" a-.* ,b\\d{1,3}, [,;]x ,c\\,d,, ")).containsExactly("a-.*", "b\\d{1,3}",
				"[,;]x", "c\\,d");
		assertThat(PlatformProperties.split("")).isEmpty();
	}

	@Test
	void durationsAreReadAsEverySettingIs() {
		assertThat(testFailure(run(Plain.class, PlatformProperties.LINGER + "=PT0.15S")))
			.hasMessageContaining("still alive 150ms after it ended");
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
