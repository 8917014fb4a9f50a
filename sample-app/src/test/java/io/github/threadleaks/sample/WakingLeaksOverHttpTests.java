package io.github.threadleaks.sample;

import java.time.Duration;
import java.util.stream.Stream;

import io.github.threadleaks.autoconfigure.ThreadLeaksCreationSites;
import io.github.threadleaks.core.ThreadLeakReport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leaks whose threads keep waking (a scheduled executor per request with a heartbeat, a
 * Netty wheel timer per request ticking 10 times a second), over real HTTP, two requests
 * every 50 samples until the longest horizon is full: the group is suspected with the
 * sample app's own line as its creation site. Their right use (one shared scheduler, one
 * shared timer), driven the same way, never is.
 */
class WakingLeaksOverHttpTests extends SampleAppTestSupport {

	/** Samples between two rounds of requests. */
	private static final int SAMPLES_PER_ROUND = 50;

	/** The longest horizon at the test's window: 5 points of 100 samples. */
	private static final int SAMPLES = 500;

	@Autowired
	private ThreadLeaksCreationSites creationSites;

	/**
	 * A leak, the group its threads form, its class, and its right use with its group.
	 */
	record WakingLeak(String pattern, String groupName, String leakingClass, String twin, String twinGroup) {

		@Override
		public String toString() {
			return this.pattern;
		}

	}

	static Stream<WakingLeak> leaks() {
		return Stream.of(
				new WakingLeak("scheduled-executor-per-request", "heartbeat-#", "ScheduledExecutorPerRequest",
						"shared-scheduler", "shared-scheduler-#"),
				new WakingLeak("wheel-timer-per-request", "hashedWheelTimer-#-#", "WheelTimerPerRequest",
						"shared-wheel-timer", "shared-wheel-timer-#-#"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("leaks")
	void theRightUseIsNeverSuspected(WakingLeak leak) {
		for (int sample = 0; sample < SAMPLES; sample++) {
			if (sample % SAMPLES_PER_ROUND == 0) {
				assertThat(app.post("/workloads/" + leak.twin() + "?size=2").path("threads").asInt()).isEqualTo(1);
			}
			ThreadLeakReport report = app.sample();
			assertThat(report.suspects()).as("suspects at sample %d", sample).isEmpty();
		}
		JsonNode report = app.get("/actuator/threadleaks", 200);
		assertThat(RunningSampleApp.groupsNamed(report, leak.twinGroup())).singleElement()
			.satisfies((group) -> assertThat(group.path("count").asInt()).isEqualTo(1));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("leaks")
	void theLeakIsSuspectedWithTheApplicationsOwnCreationSite(WakingLeak leak) throws InterruptedException {
		boolean suspected = false;
		for (int sample = 0; sample < SAMPLES && !suspected; sample++) {
			if (sample % SAMPLES_PER_ROUND == 0) {
				app.post("/leaks/" + leak.pattern() + "?requests=2");
			}
			suspected = app.sample().suspects().stream().anyMatch((group) -> group.name().equals(leak.groupName()));
		}
		assertThat(suspected).as("suspected within the longest horizon").isTrue();
		// JFR delivers thread starts about once a second: wait until it has delivered
		// these, then sample.
		assertThat(this.creationSites.awaitCatchUp(Duration.ofSeconds(30))).isTrue();
		app.sample();

		JsonNode report = app.get("/actuator/threadleaks", 200);
		assertThat(report.path("suspects")).as("suspects").hasSize(1);
		JsonNode suspect = report.path("suspects").get(0);
		assertThat(suspect.path("name").asString()).isEqualTo(leak.groupName());
		assertThat(suspect.path("creationSites").get(0).path("site").asString())
			.startsWith("io.github.threadleaks.sample.leaks." + leak.leakingClass() + ".leakOnce(line ");
		assertThat(app.get("/actuator/health", 503).path("components").path("threadLeaks").path("status").asString())
			.isEqualTo("DOWN");
	}

}
