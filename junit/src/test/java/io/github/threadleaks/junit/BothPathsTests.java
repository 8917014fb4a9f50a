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
 * on this module's own examples.
 */
class BothPathsTests extends AbstractExtensionTests {

	/** Examples that pass, fail, ignore and linger: each outcome the check can have. */
	private static final List<Class<?>> EXAMPLES = List.of(ConfigurationTests.Plain.class,
			ConfigurationTests.WithLinger.class, LeakReportTests.CleanPool.class, LeakReportTests.LeakingPool.class,
			IgnoreTests.IgnoredByName.class, IgnoreTests.NamePatternMatchingPartOfTheName.class,
			LingerTests.EndsOnceWaitedFor.class, AutoDetectionTests.ThreeTests.class,
			ParallelExecutionTests.SameThreadClass.class, CreatedByTests.IgnoredByCreator.class);

	@AfterEach
	void idsFirstAgain() {
		LeakCheck.idsFirst = true;
	}

	@Test
	void theVerdictsAreTheSame() throws InterruptedException {
		Map<String, String> idsFirst = verdicts();
		LeakCheck.idsFirst = false;
		Map<String, String> full = verdicts();
		assertThat(idsFirst).hasSize(14).containsValue("SUCCESSFUL").containsValue("FAILED ThreadLeakError");
		assertThat(full).isEqualTo(idsFirst);
	}

	/** Each example test's outcome, and for a failure the type of the error. */
	private static Map<String, String> verdicts() throws InterruptedException {
		Map<String, String> verdicts = new LinkedHashMap<>();
		for (Class<?> example : EXAMPLES) {
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
