package io.github.threadleaks.sample;

import java.time.Duration;

import io.github.threadleaks.autoconfigure.ThreadLeaksCreationSites;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Go's {@code created by}, over real HTTP: for the executor-per-request leak,
 * {@code /actuator/threadleaks} and the health details name the sample app's method that
 * creates the executor and submits to it, where the leaked workers' own stacks show only
 * the JDK's pool.
 */
class CreationSiteOverHttpTests extends SampleAppTestSupport {

	private static final String LEAK_ONCE = "io.github.threadleaks.sample.leaks.ExecutorPerRequest.leakOnce(line ";

	@Autowired
	private ThreadLeaksCreationSites creationSites;

	@Test
	void theExecutorPerRequestLeakNamesTheMethodThatCreatesTheExecutor() throws InterruptedException {
		for (int step = 0; step < 3; step++) {
			app.post("/leaks/executor-per-request?requests=2");
			app.sample();
		}
		// JFR delivers thread starts about once a second: wait until it has delivered
		// these, then sample.
		assertThat(this.creationSites.awaitCatchUp(Duration.ofSeconds(30))).isTrue();
		app.sample();

		JsonNode report = app.get("/actuator/threadleaks", 200);
		assertThat(report.path("creationSiteTracking").path("state").asString()).isEqualTo("TRACKING");
		assertThat(report.path("suspects")).hasSize(1);
		JsonNode suspect = report.path("suspects").get(0);
		assertThat(suspect.path("name").asString()).isEqualTo("pool-#-thread-#");
		assertThat(suspect.path("frames").values()).map(JsonNode::asString)
			.noneMatch((frame) -> frame.startsWith("io.github.threadleaks.sample."));
		JsonNode site = suspect.path("creationSites").get(0);
		assertThat(site.path("site").asString()).startsWith(LEAK_ONCE);
		assertThat(site.path("threads").asInt()).isEqualTo(12);
		assertThat(suspect.path("creationSites")).hasSize(1);
		assertThat(site.path("frames").values()).map(JsonNode::asString)
			.anyMatch((frame) -> frame.startsWith("io.github.threadleaks.sample.leaks.LeakController."));

		JsonNode health = app.get("/actuator/health", 503);
		assertThat(health.path("components")
			.path("threadLeaks")
			.path("details")
			.path("suspects")
			.get(0)
			.path("createdBy")
			.asString()).startsWith(LEAK_ONCE);
		assertThat(app.send("GET", "/actuator/prometheus").body()).contains(
				"threadleaks_creation_site_handling_seconds_count", "threadleaks_creation_site_threads",
				"threadleaks_creation_site_forgotten_threads_total");
	}

}
