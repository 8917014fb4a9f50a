package io.github.threadleaks.sample;

import java.time.Duration;
import java.util.stream.Stream;

import io.github.threadleaks.autoconfigure.ThreadLeaksCreationSites;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real clients made per request and never closed (a Netty event loop group, an Apache
 * HttpClient 5 async client, a JDK {@code HttpClient}), over real HTTP: their threads
 * wake on timers and use a little CPU in their selector, yet the group is suspected, the
 * health goes DOWN, Prometheus carries the alert metric, and the creation site names the
 * sample app's own line first, then the library's that started the threads.
 */
class ClientLeaksOverHttpTests extends SampleAppTestSupport {

	@Autowired
	private ThreadLeaksCreationSites creationSites;

	/**
	 * A client leak, the group its event loop threads form, the library frame that
	 * started them ({@code null}: the JDK's), and how many groups it makes suspects.
	 */
	record ClientLeak(String pattern, String groupName, String leakingClass, String startedBy, int suspects) {

		@Override
		public String toString() {
			return this.pattern;
		}

	}

	static Stream<ClientLeak> clientLeaks() {
		return Stream.of(new ClientLeak("netty-event-loop-per-request", "multiThreadIoEventLoopGroup-#-#",
				"NettyEventLoopPerRequest", " via io.netty.util.concurrent.ThreadPerTaskExecutor.execute(line ", 1),
				new ClientLeak("apache-async-client-per-request", "httpclient-dispatch-#",
						"ApacheAsyncClientPerRequest", " via org.apache.hc.", 2),
				new ClientLeak("jdk-http-client-per-request", "HttpClient-#-SelectorManager", "JdkHttpClientPerRequest",
						null, 1));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("clientLeaks")
	void clientLeakIsSuspectedWithTheApplicationsOwnCreationSite(ClientLeak leak) throws InterruptedException {
		for (int step = 0; step < 3; step++) {
			app.post("/leaks/" + leak.pattern() + "?requests=2");
			app.sample();
		}
		// JFR delivers thread starts about once a second: wait until it has delivered
		// these, then sample.
		assertThat(this.creationSites.awaitCatchUp(Duration.ofSeconds(30))).isTrue();
		app.sample();

		JsonNode report = app.get("/actuator/threadleaks", 200);
		// The Apache client leaves its main thread too, WAITING: a second suspect, beside
		// its event loop.
		assertThat(report.path("suspects")).as("suspects").hasSize(leak.suspects());
		JsonNode suspect = report.path("suspects")
			.valueStream()
			.filter((group) -> group.path("name").asString().equals(leak.groupName()))
			.findFirst()
			.orElseThrow();
		assertThat(suspect.path("state").asString()).isEqualTo("RUNNABLE");
		assertThat(suspect.path("frames").get(0).asString()).as("the selector's native wait").startsWith("sun.nio.ch.");
		String site = suspect.path("creationSites").get(0).path("site").asString();
		assertThat(site).startsWith("io.github.threadleaks.sample.leaks." + leak.leakingClass() + ".leakOnce(line ");
		if (leak.startedBy() != null) {
			assertThat(site).contains(leak.startedBy());
		}
		else {
			assertThat(site).doesNotContain(" via ");
		}

		JsonNode health = app.get("/actuator/health", 503);
		JsonNode threadLeaks = health.path("components").path("threadLeaks");
		assertThat(threadLeaks.path("status").asString()).isEqualTo("DOWN");
		// (The JDK client's group may also hold the selector threads of other clients of
		// this JVM, a browser
		// driver's, which createdBy then counts: "(6 of 8 threads)".)
		assertThat(threadLeaks.path("details")
			.path("suspects")
			.valueStream()
			.map((each) -> each.path("createdBy").asString()))
			.anySatisfy((createdBy) -> assertThat(createdBy).startsWith(site));
		assertThat(app.suspectedGroupsMetric()).isEqualTo(leak.suspects());
	}

}
