package io.github.threadleaks.junit;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.github.threadleaks.junit.VerifyNoThreadLeaks.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spring patterns, with plain stand-ins: a cached application context (started once,
 * when the first test instance is prepared, as {@code SpringExtension} does, and never
 * closed by the tests) and a context closed at the end of its class (as with
 * {@code @DirtiesContext}).
 */
class CachedContextTests extends AbstractExtensionTests {

	@Test
	void threadsACachedContextStartsWhenLoadedAreNotBlamedPerTest() {
		EngineExecutionResults results = run(UsesACachedContext.class);
		results.testEvents().assertStatistics((stats) -> stats.started(2).succeeded(2).failed(0));
	}

	@Test
	void perClassTheClassThatLoadsACachedContextIsBlamedForItsThreads() {
		EngineExecutionResults results = run(UsesACachedContextPerClass.class);
		assertThat(containerFailure(results)).isInstanceOf(ThreadLeakError.class)
			.hasMessageStartingWith("2 leaked threads in ")
			.hasMessageContaining("like \"cached-context-#\"");
	}

	@Test
	void threadsACachedContextStartsLazilyDuringATestAreIgnoredByName() {
		EngineExecutionResults blamed = run(StartsCachedContextThreadsLazily.class);
		assertThat(testFailure(blamed)).isInstanceOf(ThreadLeakError.class)
			.hasMessageContaining("1 thread like \"cached-context-#\"");
		EngineExecutionResults ignored = run(IgnoresCachedContextThreads.class);
		ignored.testEvents().assertStatistics((stats) -> stats.started(1).succeeded(1).failed(0));
	}

	@Test
	void aContextClosedAfterItsClassPassesPerClassWhenTheCheckIsDeclaredFirst() {
		EngineExecutionResults results = run(ClosesItsContextAfterTheClass.class);
		results.testEvents().assertStatistics((stats) -> stats.started(1).succeeded(1));
		results.containerEvents().assertStatistics((stats) -> stats.failed(0));
	}

	@Test
	void aContextClosedAfterItsClassIsBlamedWhenTheCheckIsDeclaredAfterIt() {
		EngineExecutionResults results = run(DeclaresTheCheckAfterTheContext.class);
		assertThat(containerFailure(results)).isInstanceOf(ThreadLeakError.class)
			.hasMessageContaining("1 thread like \"per-class-context-#\"");
	}

	@Test
	void aContextClosedAfterItsClassIsBlamedPerTest() {
		EngineExecutionResults results = run(UsesAPerClassContextPerTest.class);
		assertThat(testFailure(results)).isInstanceOf(ThreadLeakError.class)
			.hasMessageContaining("1 thread like \"per-class-context-#\"");
	}

	/**
	 * A stand-in for a cached application context: one per JVM, shared by test classes,
	 * never closed by them.
	 */
	static final class CachedContext {

		private static ThreadPoolExecutor executor;

		private CachedContext() {
		}

		static synchronized ThreadPoolExecutor get() {
			if (executor == null || executor.isShutdown()) {
				executor = ExampleThreads.track(new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS,
						new LinkedBlockingQueue<>(), ExampleThreads.factory("cached-context-")));
			}
			return executor;
		}

	}

	/**
	 * Loads the cached context while preparing the test instance, as
	 * {@code SpringExtension} does.
	 */
	static final class LoadsTheCachedContext implements TestInstancePostProcessor {

		@Override
		public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
			CachedContext.get().prestartAllCoreThreads();
		}

	}

	/**
	 * A context for one class: started before it, closed (and awaited) after it; its
	 * threads start lazily.
	 */
	static final class PerClassContext implements BeforeAllCallback, AfterAllCallback {

		static ThreadPoolExecutor executor;

		@Override
		public void beforeAll(ExtensionContext context) {
			executor = ExampleThreads.track(new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
					new LinkedBlockingQueue<>(), ExampleThreads.factory("per-class-context-")));
		}

		@Override
		public void afterAll(ExtensionContext context) throws InterruptedException {
			executor.shutdown();
			executor.awaitTermination(1, TimeUnit.MINUTES);
		}

	}

	@LeakExample
	@VerifyNoThreadLeaks(linger = "0s")
	@ExtendWith(LoadsTheCachedContext.class)
	static class UsesACachedContext {

		@Test
		void first() throws Exception {
			assertThat(CachedContext.get().submit(() -> "done").get()).isEqualTo("done");
		}

		@Test
		void second() throws Exception {
			assertThat(CachedContext.get().submit(() -> "done").get()).isEqualTo("done");
		}

	}

	@LeakExample
	@VerifyNoThreadLeaks(scope = Scope.CLASS, linger = "0s")
	@ExtendWith(LoadsTheCachedContext.class)
	static class UsesACachedContextPerClass {

		@Test
		void first() throws Exception {
			assertThat(CachedContext.get().submit(() -> "done").get()).isEqualTo("done");
		}

	}

	@LeakExample
	@VerifyNoThreadLeaks(linger = "0s")
	static class StartsCachedContextThreadsLazily {

		@Test
		void usesTheContext() throws Exception {
			assertThat(CachedContext.get().submit(() -> "done").get()).isEqualTo("done");
		}

	}

	@LeakExample
	@VerifyNoThreadLeaks(linger = "0s", ignoreThreadNames = "cached-context-\\d+")
	static class IgnoresCachedContextThreads extends StartsCachedContextThreadsLazily {

	}

	/**
	 * Uses the per-class context; subclasses declare the check and the context, in the
	 * order under test.
	 */
	abstract static class UsesAPerClassContext {

		@Test
		void usesTheContext() throws Exception {
			assertThat(PerClassContext.executor.submit(() -> "done").get()).isEqualTo("done");
		}

	}

	@LeakExample
	@VerifyNoThreadLeaks(scope = Scope.CLASS, linger = LeakExample.LONG_LINGER)
	@ExtendWith(PerClassContext.class)
	static class ClosesItsContextAfterTheClass extends UsesAPerClassContext {

	}

	@LeakExample
	@ExtendWith(PerClassContext.class)
	@VerifyNoThreadLeaks(scope = Scope.CLASS, linger = "0s")
	static class DeclaresTheCheckAfterTheContext extends UsesAPerClassContext {

	}

	@LeakExample
	@VerifyNoThreadLeaks(linger = "0s")
	@ExtendWith(PerClassContext.class)
	static class UsesAPerClassContextPerTest extends UsesAPerClassContext {

	}

}
