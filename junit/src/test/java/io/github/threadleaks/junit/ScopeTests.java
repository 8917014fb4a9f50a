package io.github.threadleaks.junit;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import io.github.threadleaks.junit.VerifyNoThreadLeaks.Scope;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-test and per-class checks, and the extension registered in a field: its settings
 * apply, annotations add to them, and the annotation's own instance stands aside.
 */
class ScopeTests extends AbstractExtensionTests {

	@Test
	void perTestAThreadHandedFromOneTestToTheNextIsBlamedOnTheFirst() {
		EngineExecutionResults results = run(HandsAThreadOnPerTest.class);
		results.testEvents().assertStatistics((stats) -> stats.started(2).succeeded(1).failed(1));
		assertThat(testFailure(results)).isInstanceOf(ThreadLeakError.class)
			.hasMessageContaining("like \"handed-over-#\"");
	}

	@Test
	void perClassAThreadHandedFromOneTestToTheNextPasses() {
		EngineExecutionResults results = run(HandsAThreadOnPerClass.class);
		results.testEvents().assertStatistics((stats) -> stats.started(2).succeeded(2).failed(0));
		results.containerEvents().assertStatistics((stats) -> stats.failed(0));
	}

	@Test
	void perClassAThreadLeftAfterTheClassFailsTheClass() {
		EngineExecutionResults results = run(LeaksFromTheClass.class);
		results.testEvents().assertStatistics((stats) -> stats.started(1).succeeded(1));
		assertThat(containerFailure(results)).isInstanceOf(ThreadLeakError.class)
			.hasMessageContaining("like \"leaky-#\" WAITING")
			.hasMessageContaining("started during the test class");
	}

	@Test
	void aClassCheckedAsAWholeCoversItsNestedClassesOnce() {
		EngineExecutionResults results = run(NestedLeak.class);
		results.testEvents().assertStatistics((stats) -> stats.started(1).succeeded(1));
		assertThat(containerFailure(results)).isInstanceOf(ThreadLeakError.class)
			.hasMessageContaining("like \"leaky-#\" WAITING");
		assertThat(results.containerEvents().failed().list()).singleElement()
			.satisfies((event) -> assertThat(event.getTestDescriptor().getSource())
				.contains(ClassSource.from(NestedLeak.class)));
	}

	@Test
	void aRegisteredExtensionAppliesItsSettingsAndAnnotationsAddToThem() {
		EngineExecutionResults results = run(RegisteredWithSettings.class);
		results.testEvents().assertStatistics((stats) -> stats.started(2).succeeded(1).failed(1));
		assertThat(testFailure(results)).isInstanceOf(ThreadLeakError.class)
			.hasMessageStartingWith("1 leaked thread in 1 stack group:\n  1 thread like \"other-#\"")
			.hasMessageContaining("still alive 0ms after it ended");
	}

	@Test
	void aRegisteredClassScopeNeedsAStaticField() {
		EngineExecutionResults results = run(ClassScopeInAnInstanceField.class);
		assertThat(testFailure(results)).isInstanceOf(ExtensionConfigurationException.class)
			.hasMessageContaining("register it in a static field");
	}

	@LeakExample
	@VerifyNoThreadLeaks(linger = "0s")
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class HandsAThreadOnPerTest {

		static final CountDownLatch RELEASE = new CountDownLatch(1);

		static Thread handedOver;

		@Test
		@Order(1)
		void startsAThread() {
			handedOver = ExampleThreads.start("handed-over-1", () -> {
				try {
					RELEASE.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
		}

		@Test
		@Order(2)
		void stopsIt() throws InterruptedException {
			RELEASE.countDown();
			handedOver.join();
		}

	}

	@LeakExample
	@VerifyNoThreadLeaks(scope = Scope.CLASS, linger = "0s")
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class HandsAThreadOnPerClass {

		static final CountDownLatch RELEASE = new CountDownLatch(1);

		static Thread handedOver;

		@Test
		@Order(1)
		void startsAThread() {
			handedOver = ExampleThreads.start("handed-over-1", () -> {
				try {
					RELEASE.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
		}

		@Test
		@Order(2)
		void stopsIt() throws InterruptedException {
			RELEASE.countDown();
			handedOver.join();
		}

	}

	@LeakExample
	@VerifyNoThreadLeaks(scope = Scope.CLASS, linger = "0s")
	static class LeaksFromTheClass extends LeakyThreadExample {

	}

	@LeakExample
	@VerifyNoThreadLeaks(scope = Scope.CLASS, linger = "0s")
	static class NestedLeak {

		@Nested
		class Inner extends LeakyThreadExample {

		}

	}

	@LeakExample
	@VerifyNoThreadLeaks
	static class RegisteredWithSettings {

		@RegisterExtension
		static final ThreadLeaksExtension threadLeaks = ThreadLeaksExtension.builder()
			.linger(Duration.ZERO)
			.ignoreThreadNames("registered-\\d+")
			.build();

		@Test
		@VerifyNoThreadLeaks(ignoreThreadNames = "annotated-\\d+")
		void leavesThreadsBothIgnore() {
			leaveParked("registered-1");
			leaveParked("annotated-1");
		}

		@Test
		void leavesAThreadNeitherIgnores() {
			leaveParked("registered-2");
			leaveParked("other-1");
		}

		private static void leaveParked(String name) {
			CountDownLatch never = new CountDownLatch(1);
			Thread thread = ExampleThreads.start(name, () -> {
				try {
					never.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			ExampleThreads.awaitParkedIn(thread, "java.util.concurrent.CountDownLatch.await");
		}

	}

	@LeakExample
	static class ClassScopeInAnInstanceField {

		@RegisterExtension
		final ThreadLeaksExtension threadLeaks = ThreadLeaksExtension.builder().scope(Scope.CLASS).build();

		@Test
		void runs() {
		}

	}

}
