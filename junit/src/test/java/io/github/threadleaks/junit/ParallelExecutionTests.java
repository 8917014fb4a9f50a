package io.github.threadleaks.junit;

import java.util.concurrent.atomic.AtomicInteger;

import io.github.threadleaks.junit.VerifyNoThreadLeaks.Scope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With parallel execution on, a check runs only for an {@code @Isolated} class, which
 * JUnit runs alone and whose tests it runs one at a time; any other checked test or class
 * fails before it runs, saying why and what to do.
 */
class ParallelExecutionTests extends AbstractExtensionTests {

	private static final String PARALLEL = PlatformProperties.PARALLEL_ENABLED + "=true";

	private static final String CONCURRENT = "junit.jupiter.execution.parallel.mode.default=concurrent";

	private static final AtomicInteger bodiesRun = new AtomicInteger();

	@BeforeEach
	void resetCount() {
		bodiesRun.set(0);
	}

	@Test
	void aTestThatMayRunBesideOthersIsRefusedBeforeItRuns() {
		EngineExecutionResults results = run(NotIsolated.class, PARALLEL, CONCURRENT);
		assertThat(testFailure(results)).isInstanceOf(ExtensionConfigurationException.class)
			.hasMessageContaining("cannot check " + NotIsolated.class.getName() + "#runs() while tests run in "
					+ "parallel (junit.jupiter.execution.parallel.enabled=true)")
			.hasMessageContaining("Annotate the test class with @Isolated");
		assertThat(bodiesRun).hasValue(0);
	}

	@Test
	void theSameTestIsCheckedWhenParallelExecutionIsOff() {
		EngineExecutionResults results = run(NotIsolated.class, PlatformProperties.PARALLEL_ENABLED + "=false");
		results.testEvents().assertStatistics((stats) -> stats.started(1).succeeded(1));
		assertThat(bodiesRun).hasValue(1);
	}

	@Test
	void aClassCheckedAsAWholeIsRefusedUnlessIsolated() {
		EngineExecutionResults results = run(NotIsolatedClassScope.class, PARALLEL, CONCURRENT);
		assertThat(containerFailure(results)).isInstanceOf(ExtensionConfigurationException.class)
			.hasMessageContaining(
					"cannot check " + NotIsolatedClassScope.class.getName() + " while tests run in " + "parallel");
		assertThat(bodiesRun).hasValue(0);
	}

	@Test
	void anIsolatedClassIsChecked() {
		EngineExecutionResults results = run(IsolatedAndLeaking.class, PARALLEL, CONCURRENT);
		results.testEvents().assertStatistics((stats) -> stats.started(2).succeeded(1).failed(1));
		assertThat(testFailure(results)).isInstanceOf(ThreadLeakError.class)
			.hasMessageContaining("like \"leaky-#\" WAITING");
		assertThat(results.testEvents().failed().list()).singleElement()
			.satisfies((event) -> assertThat(event.getTestDescriptor().getDisplayName())
				.isEqualTo("leavesOneThreadBehind()"));
	}

	@Test
	void anIsolatedClassIsCheckedAsAWhole() {
		EngineExecutionResults results = run(IsolatedClassScope.class, PARALLEL, CONCURRENT);
		results.testEvents().assertStatistics((stats) -> stats.started(1).succeeded(1));
		assertThat(containerFailure(results)).isInstanceOf(ThreadLeakError.class)
			.hasMessageContaining("like \"leaky-#\" WAITING");
	}

	@LeakExample
	@VerifyNoThreadLeaks
	static class NotIsolated {

		@Test
		void runs() {
			bodiesRun.incrementAndGet();
		}

	}

	@LeakExample
	@VerifyNoThreadLeaks(scope = Scope.CLASS)
	static class NotIsolatedClassScope {

		@Test
		void runs() {
			bodiesRun.incrementAndGet();
		}

	}

	/**
	 * With the default linger, so that JUnit's own workers, if any start during a test,
	 * settle idle.
	 */
	@LeakExample
	@Isolated
	@VerifyNoThreadLeaks
	static class IsolatedAndLeaking extends LeakyThreadExample {

		@Test
		void runsClean() {
			bodiesRun.incrementAndGet();
		}

	}

	@LeakExample
	@Isolated
	@VerifyNoThreadLeaks(scope = Scope.CLASS, linger = "0s")
	static class IsolatedClassScope extends LeakyThreadExample {

	}

}
