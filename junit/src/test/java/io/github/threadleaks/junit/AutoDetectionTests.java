package io.github.threadleaks.junit;

import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole-suite use: with JUnit's extension auto-detection the extension checks every test,
 * annotated or not, and the run ends with one summary of its leaks, the stack group that
 * failed most tests first.
 */
class AutoDetectionTests extends AbstractExtensionTests {

	private static final String AUTODETECTION = "junit.jupiter.extensions.autodetection.enabled=true";

	/**
	 * The examples' threads never end: no linger, so that each leak is reported at once.
	 */
	private static final String NO_LINGER = PlatformProperties.LINGER + "=0s";

	@Test
	void autoDetectionChecksTestsWithoutTheAnnotation() {
		assertThat(testFailure(run(Unannotated.class, AUTODETECTION, NO_LINGER))).isInstanceOf(ThreadLeakError.class)
			.hasMessageStartingWith("1 leaked thread in 1 stack group:\n  1 thread like \"unannotated-#\" WAITING");
		run(Unannotated.class).testEvents().assertStatistics((stats) -> stats.started(1).succeeded(1).failed(0));
	}

	@Test
	void anAnnotatedClassIsCheckedOnceWhenTheExtensionIsAlsoAutoDetected() {
		Throwable failure = testFailure(run(Annotated.class, AUTODETECTION, NO_LINGER));
		assertThat(failure).isInstanceOf(ThreadLeakError.class).hasNoSuppressedExceptions();
	}

	@Test
	void theRunEndsWithOneSummaryWorstGroupFirst() {
		RunOutput output = RunOutput.capture(() -> run(ThreeTests.class, AUTODETECTION, NO_LINGER));
		output.results().testEvents().assertStatistics((stats) -> stats.started(4).succeeded(1).failed(3));
		String text = output.text();
		assertThat(occurrences(text, "threadleaks: ")).as("summaries printed").isEqualTo(1);
		String summary = text.substring(text.indexOf("threadleaks: "));
		String className = Pattern.quote(ThreeTests.class.getName());
		assertThat(summary)
			.startsWith("threadleaks: 3 leaked threads in 2 stack groups, 3 of 4 checks failed, "
					+ "the group that failed most first:\n  2 checks, 2 threads like \"twice-#\" WAITING\n")
			.containsPattern("\n    in " + className + "#leaksAnother\\(\\), " + className + "#leaksOne\\(\\)\n"
					+ "  1 check, 1 thread like \"once-#\" WAITING\n");
	}

	@Test
	void theSummaryCountsEachInvocationOfARepeatedTest() {
		RunOutput output = RunOutput.capture(() -> run(RepeatedLeak.class, AUTODETECTION, NO_LINGER));
		output.results().testEvents().assertStatistics((stats) -> stats.started(2).failed(2));
		String method = Pattern.quote(RepeatedLeak.class.getName() + "#leaks()");
		assertThat(output.text()).contains("2 of 2 checks failed")
			.containsPattern("\n    in " + method + " repetition 1 of 2, " + method + " repetition 2 of 2\n");
	}

	@Test
	void theSummaryCanBeSwitchedOff() {
		RunOutput output = RunOutput
			.capture(() -> run(ThreeTests.class, AUTODETECTION, NO_LINGER, PlatformProperties.SUMMARY + "=false"));
		output.results().testEvents().assertStatistics((stats) -> stats.started(4).failed(3));
		assertThat(output.text()).doesNotContain("threadleaks: ");
	}

	private static int occurrences(String text, String part) {
		int count = 0;
		Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
		while (matcher.find()) {
			count++;
		}
		return count;
	}

	static void leakWaiting(String name) {
		Thread thread = ExampleThreads.start(name, () -> {
			try {
				new CountDownLatch(1).await();
			}
			catch (InterruptedException ex) {
				// Stopped by the test that ran this example.
			}
		});
		ExampleThreads.awaitParkedIn(thread, "java.util.concurrent.CountDownLatch.await");
	}

	@LeakExample
	static class Unannotated {

		@Test
		void leaks() {
			leakWaiting("unannotated-1");
		}

	}

	@LeakExample
	@VerifyNoThreadLeaks
	static class Annotated {

		@Test
		void leaks() {
			leakWaiting("annotated-1");
		}

	}

	@LeakExample
	static class RepeatedLeak {

		@RepeatedTest(2)
		void leaks(RepetitionInfo repetition) {
			leakWaiting("repeated-" + repetition.getCurrentRepetition());
		}

	}

	@LeakExample
	@TestMethodOrder(MethodOrderer.MethodName.class)
	static class ThreeTests {

		@Test
		void leaksOne() {
			leakWaiting("twice-1");
		}

		@Test
		void leaksAnother() {
			leakWaiting("twice-2");
		}

		@Test
		void leaksOnce() {
			leakWaiting("once-1");
		}

		@Test
		void leaksNothing() {
		}

	}

}
