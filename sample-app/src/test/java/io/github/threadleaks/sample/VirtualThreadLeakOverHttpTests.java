package io.github.threadleaks.sample;

import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.virtual.VirtualThreadMonitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app serving its requests on virtual threads
 * ({@code spring.threads.virtual.enabled=true}), started as its README says (the build
 * opens the JDK's thread containers on JDK 21+), so its virtual threads are watched
 * through the thread containers: a leak of virtual threads shows in
 * {@code /actuator/threadleaks}, the health and Prometheus over real HTTP, and a
 * virtual-thread-per-request workload does not. The test takes every listing itself (the
 * interval is an hour).
 */
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads and their thread containers are JDK 21+")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.threads.virtual.enabled=true", "threadleaks.virtual-threads.interval=1h",
				"threadleaks.virtual-threads.max-interval=1h", "threadleaks.sample-interval=1h",
				"threadleaks.window=" + SampleAppTest.WINDOW, "threadleaks.min-growth=" + SampleAppTest.MIN_GROWTH,
				"management.endpoint.health.show-details=always", "management.endpoint.health.show-components=always",
				"threadleaks.ignore.thread-names=" + SampleAppTest.TEST_CLIENT_THREADS })
class VirtualThreadLeakOverHttpTests {

	private static RunningSampleApp app;

	@LocalServerPort
	private int port;

	@Autowired
	private ThreadLeakMonitor monitor;

	@Autowired
	private VirtualThreadMonitor virtualThreads;

	@BeforeEach
	void startClean() {
		if (app == null) {
			app = new RunningSampleApp(this.port, this.monitor);
		}
		app.json("DELETE", "/virtual-threads/leak", 200);
		for (int i = 0; i < SampleAppTest.WINDOW; i++) {
			this.virtualThreads.sample();
		}
		app.reset();
	}

	@AfterEach
	void leaveClean() {
		app.json("DELETE", "/virtual-threads/leak", 200);
	}

	@AfterAll
	static void closeClient() {
		if (app != null) {
			app.close();
			app = null;
		}
	}

	@Test
	void aLeakOfVirtualThreadsIsSuspectedInTheReportHealthAndPrometheusUntilReleased() {
		// Five steps: at the last, the first two steps' members (two fifths) are old
		// enough to be judged, above the rule's floor of a third.
		for (int step = 1; step <= 5; step++) {
			assertThat(app.post("/virtual-threads/leak?requests=50").path("leaked").asInt()).isEqualTo(100 * step);
			this.virtualThreads.sample();
		}
		app.sample();

		JsonNode report = app.get("/actuator/threadleaks", 200);
		assertThat(report.path("status").asString()).isEqualTo("LEAK_SUSPECTED");
		assertThat(report.path("virtualThreads").path("status").asString()).isEqualTo("AVAILABLE");
		assertThat(report.path("virtualThreads").path("source").asString()).isEqualTo("CONTAINERS");
		assertThat(report.path("virtualThreads").path("threads").asInt()).isGreaterThanOrEqualTo(500);
		assertThat(report.path("suspects")).hasSize(1);
		JsonNode suspect = report.path("suspects").get(0);
		assertThat(suspect.path("virtual").asBoolean()).isTrue();
		assertThat(suspect.path("container").asString()).isEqualTo("java.util.concurrent.ThreadPerTaskExecutor");
		assertThat(suspect.path("name").asString()).isEqualTo("java.util.concurrent.ThreadPerTaskExecutor");
		assertThat(suspect.path("state").asString()).isEqualTo("WAITING");
		assertThat(suspect.path("count").asInt()).isEqualTo(500);
		assertThat(suspect.path("blockedAt").asString()).startsWith("java.util.concurrent.SynchronousQueue.put(")
			.contains("VirtualForgottenSender");
		String id = suspect.path("id").asString();
		JsonNode group = app.get("/actuator/threadleaks/" + id, 200);
		assertThat(group.path("threads").size()).isEqualTo(500);

		JsonNode health = app.get("/actuator/health", 503);
		assertThat(health.path("components").path("threadLeaks").path("status").asString()).isEqualTo("DOWN");
		assertThat(app.suspectedGroupsMetric()).isEqualTo(1);
		String scrape = app.send("GET", "/actuator/prometheus").body();
		assertThat(scrape).contains("threadleaks_group_threads{application=\"threadleaks-sample\",group=\"" + id + "\"")
			.contains("threadleaks_virtual_threads_interval_seconds");

		assertThat(app.json("DELETE", "/virtual-threads/leak", 200).path("released").asInt()).isEqualTo(500);
		this.virtualThreads.sample();
		assertThat(app.get("/actuator/threadleaks", 200).path("status").asString()).isEqualTo("OK");
		assertThat(app.get("/actuator/health", 200).path("status").asString()).isEqualTo("UP");
	}

	@Test
	void aVirtualThreadPerRequestWorkloadIsNotSuspected() {
		for (int step = 1; step <= 6; step++) {
			assertThat(app.post("/virtual-threads/requests?size=" + (500 * step)).path("served").asLong()).isPositive();
			this.virtualThreads.sample();
			app.sample();
			assertThat(app.get("/actuator/threadleaks", 200).path("status").asString()).isEqualTo("OK");
		}
		assertThat(this.virtualThreads.status().samples()).isGreaterThanOrEqualTo(6);
	}

}
