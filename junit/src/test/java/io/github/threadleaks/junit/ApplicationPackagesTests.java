package io.github.threadleaks.junit;

import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

import io.github.threadleaks.testlibrary.WorkerLibrary;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A creation site names the application's own line first, then the library that started
 * the thread: the test class's package is the application unless
 * {@code threadleaks.junit.application-packages} says otherwise.
 */
class ApplicationPackagesTests extends AbstractExtensionTests {

	private static final String APPLICATION_FRAME = LibraryStartedThread.class.getName()
			+ ".leaksThroughALibrary(line ";

	private static final String LIBRARY_FRAME = WorkerLibrary.class.getName() + ".startWorker(line ";

	@Test
	void theTestClassPackageIsTheApplicationByDefault() {
		String message = testFailure(run(LibraryStartedThread.class)).getMessage();
		assertThat(message).containsPattern(
				"created by " + quoted(APPLICATION_FRAME) + "\\d+\\) via " + quoted(LIBRARY_FRAME) + "\\d+\\)");
	}

	@Test
	void theTestClassOwnFrameWinsOverTheParameter() {
		String message = testFailure(
				run(LibraryStartedThread.class, PlatformProperties.APPLICATION_PACKAGES + "=com.example.elsewhere"))
			.getMessage();
		assertThat(message).containsPattern(
				"created by " + quoted(APPLICATION_FRAME) + "\\d+\\) via " + quoted(LIBRARY_FRAME) + "\\d+\\)");
	}

	@Test
	void testPackagesShareTheirCommonPackage() {
		TestPackages packages = new TestPackages();
		packages.add("org.apache.hc.core5.benchmark");
		assertThat(packages.roots()).containsExactly("org.apache.hc.core5.benchmark");
		packages.add("org.apache.hc.core5.testing.classic");
		assertThat(packages.roots()).containsExactly("org.apache.hc.core5");
		packages.add("org.apache.hc.core5.http2");
		packages.add("com.example.orders");
		packages.add("org.junit.other");
		assertThat(packages.roots()).containsExactly("org.apache.hc.core5", "com.example.orders", "org.junit.other");
	}

	@Test
	void anInvalidPackageNameFailsNamingTheParameter() {
		Throwable failure = testFailure(
				run(LibraryStartedThread.class, PlatformProperties.APPLICATION_PACKAGES + "=com.example.,9lives"));
		assertThat(failure).hasMessageContaining(PlatformProperties.APPLICATION_PACKAGES)
			.hasMessageContaining("com.example.,9lives");
	}

	private static String quoted(String text) {
		return Pattern.quote(text);
	}

	@LeakExample
	@VerifyNoThreadLeaks(linger = "0s")
	static class LibraryStartedThread {

		@Test
		void leaksThroughALibrary() {
			CountDownLatch never = new CountDownLatch(1);
			WorkerLibrary.startWorker(ExampleThreads.factory("library-worker-"), () -> await(never));
			ExampleThreads.awaitAllParkedIn("library-worker-", 1, "java.util.concurrent.CountDownLatch.await");
		}

		static void await(CountDownLatch latch) {
			try {
				latch.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
