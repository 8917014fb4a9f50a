package io.github.threadleaks.junit;

import java.net.URL;
import java.net.URLClassLoader;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.threadleaks.core.CreationSites;
import io.github.threadleaks.core.GroupDetail;
import io.github.threadleaks.core.JvmThreadSource;
import io.github.threadleaks.core.ThreadLeakMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the switch on, a leak's message says from a real heap dump of this JVM whether
 * anything could ever wake each leaked group; with it off (the default) no dump is taken.
 */
class ReachabilityTests extends AbstractExtensionTests {

	private static final String GET = "java.util.concurrent.CompletableFuture.get";

	@AfterEach
	void forgetPendingReplies() {
		PendingReplies.clear();
	}

	@Test
	void aFutureOnlyTheLeakedThreadsHoldIsUnreachable() {
		int dumps = HeapReachability.dumps();
		String message = testFailure(run(OrphanFutures.class)).getMessage();
		assertThat(message).startsWith("2 leaked threads in 1 stack group:\n")
			.contains("\n    reachability: UNREACHABLE: Nothing outside the blocked threads reaches the ")
			.contains("nothing can ever wake them.\n")
			.doesNotContain("    path: ");
		assertThat(HeapReachability.dumps() - dumps).as("heap dumps").isEqualTo(1);
	}

	@Test
	void futuresInAStaticMapAreReachableThroughTheFieldTheMessageNames() {
		int dumps = HeapReachability.dumps();
		String message = testFailure(run(PendingFutures.class)).getMessage();
		// Two lambdas, two stack groups: the first is analysed, and the one dump is all
		// the check takes.
		assertThat(message).startsWith("2 leaked threads in 2 stack groups:\n")
			.contains("\n    reachability: REACHABLE: ")
			.contains("is reachable from static field " + PendingReplies.class.getName() + ".REPLIES")
			.contains("\n    path: static field " + PendingReplies.class.getName()
					+ ".REPLIES → java.util.concurrent.ConcurrentHashMap")
			.contains("\n    reachability: not analysed: one heap dump per check, taken for an earlier group\n");
		assertThat(HeapReachability.dumps() - dumps).as("heap dumps").isEqualTo(1);
	}

	@Test
	void theConfigurationParameterSwitchesItOnForATestWithoutTheAttribute() {
		String message = testFailure(
				run(OrphanFuturesWithoutAttribute.class, PlatformProperties.REACHABILITY + "=true"))
			.getMessage();
		assertThat(message).contains("\n    reachability: UNREACHABLE: ");
	}

	@Test
	void offByDefaultTheMessageHasNoVerdictAndNoDumpIsTaken() {
		int dumps = HeapReachability.dumps();
		String message = testFailure(run(OrphanFuturesWithoutAttribute.class)).getMessage();
		assertThat(message).startsWith("2 leaked threads in 1 stack group:\n").doesNotContain("reachability");
		assertThat(HeapReachability.dumps()).as("heap dumps").isEqualTo(dumps);
	}

	@Test
	void aPassingTestTakesNoDump() {
		int dumps = HeapReachability.dumps();
		EngineExecutionResults results = run(Clean.class);
		results.testEvents().assertStatistics((stats) -> stats.started(1).succeeded(1));
		assertThat(HeapReachability.dumps()).as("heap dumps").isEqualTo(dumps);
	}

	@Test
	void aBadValueIsRefusedNamingTheKey() {
		Throwable failure = testFailure(run(Clean.class, PlatformProperties.REACHABILITY + "=yes"));
		assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
			.hasMessage("threadleaks.junit.reachability must be true or false but was \"yes\"");
	}

	@Test
	void withoutTheModuleEachGroupSaysHowToGetAVerdictAndNoDumpIsTaken() throws Exception {
		Set<Long> before = new HashSet<>();
		new JvmThreadSource().census().forEach((thread) -> before.add(thread.id()));
		Thread thread = ExampleThreads.start("no-module-1", PendingReplies::awaitOrphan);
		ExampleThreads.awaitParkedIn(thread, GET);
		List<GroupDetail> groups = groupsStartedSince(before);
		assertThat(groups).isNotEmpty();
		int dumps = HeapReachability.dumps();
		// The test class path has the module: a loader that sees only the JDK's classes
		// stands for one without it.
		try (URLClassLoader jdkOnly = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
			assertThat(ReachabilityNotes.available(jdkOnly)).isFalse();
			Map<String, String> notes = ReachabilityNotes.of(groups, jdkOnly);
			assertThat(notes).hasSameSizeAs(groups)
				.allSatisfy((id, note) -> assertThat(note).isEqualTo(
						"    reachability: not analysed: add threadleaks-reachability to the test classpath for a "
								+ "verdict (threadleaks.junit.reachability)\n"));
		}
		assertThat(ReachabilityNotes.available(getClass().getClassLoader())).isTrue();
		assertThat(HeapReachability.dumps()).as("heap dumps").isEqualTo(dumps);
	}

	/**
	 * The groups of the threads started since the census {@code before}, as a check sees
	 * them.
	 */
	private static List<GroupDetail> groupsStartedSince(Set<Long> before) {
		ThreadLeakMonitor monitor = new ThreadLeakMonitor(CheckOptions.NONE.engineSettings(),
				new NewThreadSource(new JvmThreadSource(), (id) -> !before.contains(id)), Clock.systemUTC(),
				CreationSites.NONE);
		return monitor.sample().groups().stream().map((group) -> monitor.group(group.id()).orElseThrow()).toList();
	}

	@LeakExample
	@VerifyNoThreadLeaks(linger = "0s", reachability = true)
	static class OrphanFutures {

		@Test
		void leaksTwoThreadsWaitingOnFuturesOnlyTheyHold() {
			ExampleThreads.start("orphan-1", PendingReplies::awaitOrphan);
			ExampleThreads.start("orphan-2", PendingReplies::awaitOrphan);
			ExampleThreads.awaitAllParkedIn("orphan-", 2, GET);
		}

	}

	@LeakExample
	@VerifyNoThreadLeaks(linger = "0s")
	static class OrphanFuturesWithoutAttribute {

		@Test
		void leaksTwoThreadsWaitingOnFuturesOnlyTheyHold() {
			ExampleThreads.start("orphan-1", PendingReplies::awaitOrphan);
			ExampleThreads.start("orphan-2", PendingReplies::awaitOrphan);
			ExampleThreads.awaitAllParkedIn("orphan-", 2, GET);
		}

	}

	@LeakExample
	@VerifyNoThreadLeaks(linger = "0s")
	static class PendingFutures {

		@Test
		@VerifyNoThreadLeaks(reachability = true)
		void leaksTwoThreadsWaitingOnFuturesInAStaticMap() {
			ExampleThreads.start("pending-1", () -> PendingReplies.await(1));
			ExampleThreads.start("pending-2", () -> PendingReplies.await(2));
			ExampleThreads.awaitAllParkedIn("pending-", 2, GET);
		}

	}

	@LeakExample
	@VerifyNoThreadLeaks(reachability = true)
	static class Clean {

		@Test
		void startsAndJoinsAThread() throws InterruptedException {
			ExampleThreads.start("joined-1", () -> {
			}).join();
		}

	}

}
