package io.github.threadleaks.junit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test that fails, or is aborted, and leaks too: the leak is reported, never hidden by
 * the test's outcome.
 */
class FailedTestTests extends AbstractExtensionTests {

	@Test
	void aFailedTestThatLeaksReportsTheLeakAsASuppressedFailure() {
		EngineExecutionResults results = run(FailsAndLeaks.class);
		Throwable failure = testFailure(results);
		assertThat(failure).isInstanceOf(AssertionFailedError.class).hasMessage("the test's own failure");
		assertThat(failure.getSuppressed()).singleElement()
			.isInstanceOf(ThreadLeakError.class)
			.satisfies((leak) -> assertThat(leak.getMessage()).startsWith("1 leaked thread in 1 stack group:\n")
				.contains("like \"leaky-#\" WAITING")
				.contains("at " + LeakyThreadExample.PUT + "("));
	}

	@Test
	void anAbortedTestThatLeaksFails() {
		EngineExecutionResults results = run(AbortedAndLeaks.class);
		results.testEvents().assertStatistics((stats) -> stats.started(1).aborted(0).failed(1));
		Throwable failure = testFailure(results);
		assertThat(failure).isInstanceOf(ThreadLeakError.class).hasMessageContaining("like \"leaky-#\" WAITING");
		assertThat(failure.getSuppressed()).singleElement()
			.satisfies((aborted) -> assertThat(aborted).hasMessageContaining("the test's own assumption"));
	}

	@LeakExample
	@VerifyNoThreadLeaks(linger = "0s")
	static class FailsAndLeaks extends LeakyThreadExample {

		@Test
		@Override
		void leavesOneThreadBehind() {
			super.leavesOneThreadBehind();
			throw new AssertionFailedError("the test's own failure");
		}

	}

	@LeakExample
	@VerifyNoThreadLeaks(linger = "0s")
	static class AbortedAndLeaks extends LeakyThreadExample {

		@Test
		@Override
		void leavesOneThreadBehind() {
			super.leavesOneThreadBehind();
			Assumptions.assumeTrue(false, "the test's own assumption");
		}

	}

}
