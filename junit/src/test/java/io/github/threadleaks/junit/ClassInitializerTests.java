package io.github.threadleaks.junit;

import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A thread started from a class initializer is a process-wide singleton: noted in the
 * run's summary, not blamed on the test that first touched the class, unless switched
 * back on. A class initializes once per JVM, so each test touches its own holder class.
 */
class ClassInitializerTests extends AbstractExtensionTests {

	@Test
	void aThreadStartedFromAClassInitializerIsNotedNotBlamed() {
		RunOutput output = RunOutput.capture(() -> run(TouchesAHolder.class));
		output.results().testEvents().assertStatistics((stats) -> stats.started(1).succeeded(1).failed(0));
		assertThat(output.text()).contains("threadleaks: no leaked threads in 1 check\n")
			.contains("threadleaks: not blamed, threads started from a class initializer (process-wide singletons; "
					+ "threadleaks.junit.blame-class-initializers=true blames them):\n")
			.containsPattern("\n  1 thread like \"holder-timer-#\" started by " + quoted(NotedHolder.class.getName())
					+ "\\.<clinit>\\(line \\d+\\), first in " + quoted(TouchesAHolder.class.getName())
					+ "#touchesTheHolder\\(\\)\n");
	}

	@Test
	void theSwitchBlamesItOnTheTestThatTouchedTheClass() {
		EngineExecutionResults results = run(TouchesAnotherHolder.class,
				PlatformProperties.BLAME_CLASS_INITIALIZERS + "=true");
		assertThat(testFailure(results)).isInstanceOf(ThreadLeakError.class)
			.hasMessageContaining("1 thread like \"blamed-holder-timer-#\" WAITING")
			.hasMessageContaining("created by " + TouchesAnotherHolder.class.getName() + ".touchesTheHolder(line ")
			.hasMessageContaining(" via " + BlamedHolder.class.getName() + ".<clinit>(line ");
	}

	private static String quoted(String text) {
		return Pattern.quote(text);
	}

	/**
	 * Starts a timer-like thread when the class initializes, as a library's lazy holder
	 * does.
	 */
	static final class NotedHolder {

		static final Thread TIMER = ExampleThreads.factory("holder-timer-")
			.newThread(ClassInitializerTests::waitForever);

		static {
			TIMER.start();
		}

		private NotedHolder() {
		}

	}

	static final class BlamedHolder {

		static final Thread TIMER = ExampleThreads.factory("blamed-holder-timer-")
			.newThread(ClassInitializerTests::waitForever);

		static {
			TIMER.start();
		}

		private BlamedHolder() {
		}

	}

	@LeakExample
	@VerifyNoThreadLeaks
	static class TouchesAHolder {

		@Test
		void touchesTheHolder() {
			ExampleThreads.awaitParkedIn(NotedHolder.TIMER, "java.util.concurrent.CountDownLatch.await");
		}

	}

	@LeakExample
	@VerifyNoThreadLeaks
	static class TouchesAnotherHolder {

		@Test
		void touchesTheHolder() {
			ExampleThreads.awaitParkedIn(BlamedHolder.TIMER, "java.util.concurrent.CountDownLatch.await");
		}

	}

	private static void waitForever() {
		try {
			new CountDownLatch(1).await();
		}
		catch (InterruptedException ex) {
			// Stopped by the test that ran this example.
		}
	}

}
