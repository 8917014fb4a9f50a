package io.github.threadleaks.junit;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import io.github.threadleaks.testlibrary.WorkerLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ignoreCreatedBy}: threads a library starts from deep inside, ignored by a frame
 * of the code that started them, which neither their name nor their own stack shows.
 */
class CreatedByTests extends AbstractExtensionTests {

	private static final String LIBRARY = "io\\.github\\.threadleaks\\.testlibrary\\.WorkerLibrary\\..*";

	@Test
	void theAnnotationIgnoresThreadsStartedFromAMatchingFrame() {
		assertPasses(run(IgnoredByCreator.class));
	}

	@Test
	void theParameterIgnoresThemToo() {
		assertPasses(run(StartsALibraryWorker.class, PlatformProperties.IGNORE_CREATED_BY + "=" + LIBRARY));
	}

	@Test
	void theBuilderIgnoresThemToo() {
		assertPasses(run(RegistersAnIgnoringExtension.class));
	}

	@Test
	void aPatternMustMatchAWholeFrame() {
		assertThat(testFailure(run(StartsALibraryWorker.class,
				PlatformProperties.IGNORE_CREATED_BY + "=io\\.github\\.threadleaks\\.testlibrary")))
			.isInstanceOf(ThreadLeakError.class)
			.hasMessageContaining("thread like \"library-worker-#\"");
	}

	@Test
	void withoutCreationSitesNothingIsIgnoredByThem() {
		assertThat(testFailure(run(IgnoredByCreator.class, PlatformProperties.CREATION_SITE + "=false")))
			.isInstanceOf(ThreadLeakError.class);
	}

	@Test
	void anInvalidPatternFailsNamingTheParameter() {
		assertThat(testFailure(run(StartsALibraryWorker.class, PlatformProperties.IGNORE_CREATED_BY + "=(")))
			.hasMessageContaining(PlatformProperties.IGNORE_CREATED_BY)
			.hasMessageContaining("but was (");
	}

	private static void assertPasses(EngineExecutionResults results) {
		results.testEvents().assertStatistics((stats) -> stats.started(1).succeeded(1).failed(0));
	}

	@LeakExample
	@VerifyNoThreadLeaks(linger = "0s")
	static class StartsALibraryWorker {

		@Test
		void startsAWorkerThroughALibrary() {
			CountDownLatch never = new CountDownLatch(1);
			WorkerLibrary.startWorker(ExampleThreads.factory("library-worker-"),
					() -> ApplicationPackagesTests.LibraryStartedThread.await(never));
			ExampleThreads.awaitAllParkedIn("library-worker-", 1, "java.util.concurrent.CountDownLatch.await");
		}

	}

	@LeakExample
	@VerifyNoThreadLeaks(linger = "0s", ignoreCreatedBy = LIBRARY)
	static class IgnoredByCreator extends StartsALibraryWorker {

	}

	@LeakExample
	static class RegistersAnIgnoringExtension extends StartsALibraryWorker {

		@RegisterExtension
		static final ThreadLeaksExtension CHECK = ThreadLeaksExtension.builder()
			.linger(Duration.ZERO)
			.ignoreCreatedBy(LIBRARY)
			.build();

	}

}
