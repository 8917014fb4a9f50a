package io.github.threadleaks.junit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cheapest path, which stops at comparing thread ids when no new thread is alive,
 * gives the verdicts of the full path, which groups the new threads by stack every time,
 * on this module's own examples; and a failing check's short waits (no wait for JFR once
 * the leftovers' starts are known, the grace ended once every leftover waits untimed)
 * give those of the full waits.
 */
class BothPathsTests extends AbstractExtensionTests {

	/** Examples that pass, fail, ignore and linger: each outcome the check can have. */
	private static final List<Class<?>> EXAMPLES = List.of(ConfigurationTests.Plain.class,
			ConfigurationTests.WithLinger.class, LeakReportTests.CleanPool.class, LeakReportTests.LeakingPool.class,
			IgnoreTests.IgnoredByName.class, IgnoreTests.NamePatternMatchingPartOfTheName.class,
			LingerTests.EndsOnceWaitedFor.class, AutoDetectionTests.ThreeTests.class,
			ParallelExecutionTests.SameThreadClass.class, CreatedByTests.IgnoredByCreator.class);

	/** Examples that fail after the linger, after the grace or within it, or pass. */
	private static final List<Class<?>> FAILING_EXAMPLES = List.of(LeakReportTests.LeakingPool.class,
			LingerTests.EndsOnceWaitedFor.class, CreatedByTests.IgnoredByCreator.class,
			TimedWaitTests.LongSleeper.class, TimedWaitTests.SleeperThenParked.class,
			TimedWaitTests.ParkedWorker.class);

	@AfterEach
	void defaultPathsAgain() {
		LeakCheck.idsFirst = true;
		LeakCheck.shortWaits = true;
	}

	@Test
	void theVerdictsAreTheSame() throws InterruptedException {
		assertSameVerdicts(EXAMPLES, 14, () -> LeakCheck.idsFirst = false);
	}

	@Test
	void theShortWaitsGiveTheVerdictsOfTheFullWaits() throws InterruptedException {
		assertSameVerdicts(FAILING_EXAMPLES, 6, () -> LeakCheck.shortWaits = false);
	}

	/**
	 * The examples' verdicts on the default paths, some passing and some failing, are
	 * those once {@code switchOff} has turned a shortcut off.
	 */
	private static void assertSameVerdicts(List<Class<?>> examples, int tests, Runnable switchOff)
			throws InterruptedException {
		Map<String, String> shortcut = verdicts(examples);
		switchOff.run();
		Map<String, String> without = verdicts(examples);
		assertThat(shortcut).hasSize(tests).containsValue("SUCCESSFUL").containsValue("FAILED ThreadLeakError");
		assertThat(without).isEqualTo(shortcut);
	}

	/** Each example test's outcome, and for a failure the type of the error. */
	private static Map<String, String> verdicts(List<Class<?>> examples) throws InterruptedException {
		Map<String, String> verdicts = new LinkedHashMap<>();
		for (Class<?> example : examples) {
			EngineExecutionResults results = run(example, PlatformProperties.AUTO_DETECTION + "=true");
			for (Event event : results.testEvents().finished().list()) {
				TestExecutionResult result = event.getRequiredPayload(TestExecutionResult.class);
				verdicts.put(example.getSimpleName() + "#" + event.getTestDescriptor().getDisplayName(),
						result.getStatus() + result.getThrowable()
							.map((failure) -> " " + failure.getClass().getSimpleName())
							.orElse(""));
			}
			assertThat(ExampleThreads.stopAll()).isEmpty();
		}
		return verdicts;
	}

}
