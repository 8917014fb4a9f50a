package io.github.threadleaks.sample;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every leak pattern of the sample app, leaked over real HTTP request after request
 * between samples: exactly its stack group becomes the one suspect, the health goes DOWN
 * and Prometheus carries the alert metric; releasing it brings all three back.
 */
class LeakPatternsOverHttpTests extends SampleAppTestSupport {

	/** What each pattern's leaked threads look like in the report. */
	record Expected(String pattern, String groupName, String state, int threadsPerRequest) {

		/**
		 * Whether the threads are a client's event loop, woken by its timers: a sample
		 * may catch one outside its wait, or still busy starting, when samples follow
		 * each other within milliseconds as here.
		 */
		boolean wakesOnTimers() {
			return this.pattern.endsWith("-client-per-request") || this.pattern.startsWith("netty-");
		}

		@Override
		public String toString() {
			return this.pattern;
		}

	}

	static Stream<Expected> patterns() {
		return Stream.of(new Expected("forgotten-sender", "search-replica-#", "WAITING", 2),
				new Expected("abandoned-receiver", "event-listener-#", "WAITING", 1),
				new Expected("future-never-completed", "report-waiter-#", "WAITING", 1),
				new Expected("lock-never-unlocked", "inventory-updater-#", "WAITING", 1),
				new Expected("monitor-held-forever", "cache-reader-#", "BLOCKED", 1),
				new Expected("latch-never-reaches-zero", "batch-collector-#", "WAITING", 1),
				new Expected("call-without-timeout", "price-client-#", "RUNNABLE", 1),
				new Expected("sender-after-caller-gave-up", "quote-worker-#", "WAITING", 2),
				new Expected("executor-per-request", "pool-#-thread-#", "WAITING", 2),
				new Expected("netty-event-loop-per-request", "multiThreadIoEventLoopGroup-#-#", "RUNNABLE", 2),
				new Expected("jdk-http-client-per-request", "HttpClient-#-SelectorManager", "RUNNABLE", 1));
	}

	@Test
	void everyPatternOfTheAppIsCovered() {
		List<String> listed = app.get("/leaks", 200)
			.valueStream()
			.map((pattern) -> pattern.path("id").asString())
			.toList();
		// The Apache async client leaves two groups, one thread each per request:
		// ClientLeaksOverHttpTests covers it; WakingLeaksOverHttpTests the leaks whose
		// threads keep waking.
		assertThat(listed).containsExactlyInAnyOrderElementsOf(Stream
			.concat(patterns().map(Expected::pattern),
					Stream.concat(Stream.of("apache-async-client-per-request"),
							WakingLeaksOverHttpTests.leaks().map(WakingLeaksOverHttpTests.WakingLeak::pattern)))
			.toList());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("patterns")
	void leakIsSuspectedUntilReleased(Expected expected) {
		int steps = 3;
		for (int step = 1; step <= steps; step++) {
			JsonNode state = app.post("/leaks/" + expected.pattern() + "?requests=2");
			assertThat(state.path("threadsPerRequest").asInt()).isEqualTo(expected.threadsPerRequest());
			assertThat(state.path("leaked").asInt()).isEqualTo(step * 2 * expected.threadsPerRequest());
			app.sample();
		}
		int leaked = steps * 2 * expected.threadsPerRequest();
		// A member counts as stuck once it has sat still for 3 samples: the first
		// request's have, one sample on.
		app.sample();

		JsonNode report = app.get("/actuator/threadleaks", 200);
		assertThat(report.path("status").asString()).isEqualTo("LEAK_SUSPECTED");
		assertThat(report.path("suspects")).as("suspects").hasSize(1);
		JsonNode suspect = report.path("suspects").get(0);
		assertThat(suspect.path("name").asString()).isEqualTo(expected.groupName());
		assertThat(suspect.path("state").asString()).isEqualTo(expected.state());
		assertThat(suspect.path("count").asInt()).isEqualTo(leaked);
		if (expected.wakesOnTimers()) {
			// An event loop woken by its timers may now and then be caught outside its
			// wait, and counts as moved.
			assertThat(suspect.path("stuck").asInt()).isLessThanOrEqualTo(2 * expected.threadsPerRequest());
		}
		else {
			assertThat(suspect.path("stuck").asInt()).isEqualTo(2 * expected.threadsPerRequest());
		}
		assertThat(suspect.path("history").values()).map(JsonNode::asInt)
			.endsWith(2 * expected.threadsPerRequest(), 4 * expected.threadsPerRequest(), leaked, leaked);
		assertThat(suspect.path("explanation").asString()).contains(" of " + leaked + " stuck for >= 3 samples");
		JsonNode health = app.get("/actuator/health", 503);
		assertThat(health.path("components").path("threadLeaks").path("status").asString()).isEqualTo("DOWN");
		assertThat(app.suspectedGroupsMetric()).isGreaterThanOrEqualTo(1);

		assertThat(app.json("DELETE", "/leaks/" + expected.pattern(), 200).path("released").asInt()).isEqualTo(leaked);
		app.sample();

		JsonNode recovered = app.get("/actuator/threadleaks", 200);
		assertThat(recovered.path("status").asString()).isEqualTo("OK");
		assertThat(RunningSampleApp.groupsNamed(recovered, expected.groupName())).isEmpty();
		assertThat(app.get("/actuator/health", 200).path("components").path("threadLeaks").path("status").asString())
			.isEqualTo("UP");
		assertThat(app.suspectedGroupsMetric()).isZero();
	}

	/**
	 * A request returns only once its leak is in place: exactly its threads blocked for
	 * good, in one group, the others ended. Fifty requests give a race fifty chances to
	 * show.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("patterns")
	void requestReturnsOnceExactlyItsThreadsAreBlocked(Expected expected) {
		int requests = 50;
		int leaked = requests * expected.threadsPerRequest();
		assertThat(app.post("/leaks/" + expected.pattern() + "?requests=" + requests).path("leaked").asInt())
			.isEqualTo(leaked);
		// Stuck means still for 3 samples in a row: four samples.
		for (int sample = 0; sample < 4; sample++) {
			app.sample();
		}

		List<JsonNode> groups = RunningSampleApp.groupsNamed(app.get("/actuator/threadleaks", 200),
				expected.groupName());
		assertThat(groups).as(expected.groupName() + " groups").hasSize(1);
		JsonNode group = groups.get(0);
		assertThat(group.path("state").asString()).isEqualTo(expected.state());
		assertThat(group.path("count").asInt()).isEqualTo(leaked);
		if (!expected.wakesOnTimers()) {
			assertThat(group.path("stuck").asInt()).as("members stuck for 3 samples").isEqualTo(leaked);
		}
	}

}
