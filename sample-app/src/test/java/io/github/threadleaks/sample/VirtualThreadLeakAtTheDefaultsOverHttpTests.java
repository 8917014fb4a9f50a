package io.github.threadleaks.sample;

import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.ThreadLeaksSettings;
import io.github.threadleaks.core.virtual.VirtualThreadMonitor;
import org.junit.jupiter.api.AfterEach;
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
 * A Boot 4 app serving its requests on virtual threads, started with the JVM option its
 * README gives (the build passes it on JDK 21+) and nothing else set that judges a group:
 * threadleaks watches the virtual threads by default, and a request handler that leaks
 * them is suspected at the default window and growth, with the health DOWN and the alert
 * metric at 1. Only the cadences are an hour, so that the test takes every sample itself.
 */
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads and their thread containers are JDK 21+")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.threads.virtual.enabled=true", "threadleaks.sample-interval=1h",
				"threadleaks.virtual-threads.interval=1h", "threadleaks.virtual-threads.max-interval=1h",
				"management.endpoint.health.show-details=always", "management.endpoint.health.show-components=always",
				"threadleaks.ignore.thread-names=" + SampleAppTest.TEST_CLIENT_THREADS })
class VirtualThreadLeakAtTheDefaultsOverHttpTests {

	@LocalServerPort
	private int port;

	@Autowired
	private ThreadLeakMonitor monitor;

	@Autowired
	private VirtualThreadMonitor virtualThreads;

	private RunningSampleApp app;

	@AfterEach
	void release() {
		if (this.app != null) {
			this.app.json("DELETE", "/virtual-threads/leak", 200);
			this.app.close();
		}
	}

	@Test
	void aLeakOfVirtualThreadsIsSuspectedWithHealthDownAndTheAlertMetric() {
		this.app = new RunningSampleApp(this.port, this.monitor);
		ThreadLeaksSettings defaults = ThreadLeaksSettings.defaults();
		int window = defaults.window();
		for (int step = 1; step <= window; step++) {
			assertThat(this.app.post("/virtual-threads/leak?requests=5").path("leaked").asInt()).isEqualTo(10 * step);
			this.virtualThreads.sample();
		}
		this.app.sample();

		JsonNode report = this.app.get("/actuator/threadleaks", 200);
		assertThat(report.path("virtualThreads").path("source").asString()).isEqualTo("CONTAINERS");
		assertThat(report.path("status").asString()).isEqualTo("LEAK_SUSPECTED");
		assertThat(report.path("suspects")).singleElement().satisfies((suspect) -> {
			assertThat(suspect.path("virtual").asBoolean()).isTrue();
			assertThat(suspect.path("count").asInt()).isEqualTo(10 * window);
			assertThat(suspect.path("blockedAt").asString()).contains("VirtualForgottenSender");
		});
		JsonNode health = this.app.get("/actuator/health", 503);
		assertThat(health.path("components").path("threadLeaks").path("status").asString()).isEqualTo("DOWN");
		assertThat(this.app.suspectedGroupsMetric()).isEqualTo(1);
	}

}
