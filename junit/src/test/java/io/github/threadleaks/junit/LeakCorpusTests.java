package io.github.threadleaks.junit;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.github.threadleaks.core.BlockedThreads;
import io.github.threadleaks.core.LeakCorpus;
import io.github.threadleaks.core.ThreadNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Core's leak corpus ({@link LeakCorpus}: minimized real-world leaks and their upstream
 * fixes) through the extension: one request of each kernel per test. Every bug fails its
 * test naming the kernel's threads; no fixed twin does, though its threads are still
 * blocked in the same primitive when the check begins and the fix lets them go only while
 * the check waits for them.
 */
class LeakCorpusTests extends AbstractExtensionTests {

	@AfterEach
	void endCorpusThreads() {
		// Ends what the bugs left (their fixes never ran), failing if any outlives it.
		Examples.THREADS.getAndSet(new BlockedThreads()).close();
	}

	@Test
	void everyBugFailsItsTest() {
		EngineExecutionResults results = run(Bugs.class, PlatformProperties.LINGER + "=0s");
		List<Event> failed = results.testEvents().failed().list();
		assertThat(failed).hasSize(LeakCorpus.KERNELS.size());
		for (int i = 0; i < failed.size(); i++) {
			LeakCorpus.Kernel kernel = LeakCorpus.KERNELS.get(i);
			assertThat(failed.get(i).getTestDescriptor().getDisplayName()).startsWith("[" + (i + 1) + "] ")
				.endsWith(kernel.name());
			Throwable failure = failed.get(i)
				.getRequiredPayload(TestExecutionResult.class)
				.getThrowable()
				.orElseThrow();
			assertThat(failure).as(kernel.name())
				.isInstanceOf(ThreadLeakError.class)
				.hasMessageContaining(" like \"" + ThreadNames.normalize("threadleaks-test-" + kernel.name()));
		}
	}

	@Test
	void noFixedTwinFailsItsTest() {
		EngineExecutionResults results = run(Fixes.class, PlatformProperties.LINGER + "=" + LeakExample.LONG_LINGER);
		results.testEvents()
			.assertStatistics(
					(stats) -> stats.started(LeakCorpus.KERNELS.size()).succeeded(LeakCorpus.KERNELS.size()).failed(0));
	}

	static List<LeakCorpus.Kernel> kernels() {
		return LeakCorpus.KERNELS;
	}

	/**
	 * The fixture the examples start the corpus's threads with, ended after each test.
	 */
	static final class Examples {

		static final AtomicReference<BlockedThreads> THREADS = new AtomicReference<>(new BlockedThreads());

		private Examples() {
		}

	}

	/** One request of each bug: its threads stay blocked. */
	@LeakExample
	@VerifyNoThreadLeaks
	static class Bugs {

		@ParameterizedTest
		@MethodSource("io.github.threadleaks.junit.LeakCorpusTests#kernels")
		void request(LeakCorpus.Kernel kernel) throws Exception {
			kernel.request().send(Examples.THREADS.get());
		}

	}

	/**
	 * One request of each kernel, fixed only once the check waits for the threads left:
	 * until then they look like the bug's.
	 */
	@LeakExample
	@VerifyNoThreadLeaks
	static class Fixes {

		@ParameterizedTest
		@MethodSource("io.github.threadleaks.junit.LeakCorpusTests#kernels")
		void request(LeakCorpus.Kernel kernel) throws Exception {
			LeakCorpus.Fix fix = kernel.request().send(Examples.THREADS.get());
			Thread testThread = Thread.currentThread();
			ExampleThreads.start("fix-" + kernel.name(), () -> {
				try {
					ExampleThreads.awaitJoining(testThread);
					fix.apply();
				}
				catch (InterruptedException ex) {
					// Stopped by the test that ran this example.
				}
				catch (Exception ex) {
					throw new IllegalStateException("The fix of " + kernel + " failed", ex);
				}
			});
		}

	}

}
