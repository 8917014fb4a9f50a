package io.github.threadleaks.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.function.BooleanSupplier;

import io.github.threadleaks.core.ThreadLeakMonitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real leak in a running service, seen over real HTTP: the report lists it, its group shows its threads, the
 * health goes down and Prometheus carries the alert metric; once the threads are released, all recover. The test
 * drives every sample itself: the sampler's one-hour interval leaves it only the sample it takes at start.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "threadleaks.sample-interval=1h", "threadleaks.window=5", "threadleaks.min-growth=3",
				"management.endpoint.health.show-details=always", "management.endpoint.health.show-components=always" })
class ThreadLeakOverHttpTests {

	private static final String LEAK_PREFIX = "sample-leak-";

	/** The tag application.yml puts on every meter, first in Prometheus's sorted label list. */
	private static final String APPLICATION = "application=\"threadleaks-sample\"";

	// One worker thread of its own, so that the client's threads can never look like a growing group.
	private static ExecutorService httpExecutor;

	private static HttpClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	private final SynchronousQueue<String> queue = new SynchronousQueue<>();

	private final List<Thread> leaked = new ArrayList<>();

	@LocalServerPort
	private int port;

	@Autowired
	private ThreadLeakMonitor monitor;

	@BeforeAll
	static void startClient() {
		httpExecutor = Executors.newSingleThreadExecutor((task) -> new Thread(task, "test-http-client"));
		http = HttpClient.newBuilder().executor(httpExecutor).build();
	}

	@AfterAll
	static void stopClient() {
		httpExecutor.shutdownNow();
	}

	@AfterEach
	void endLeakedThreads() throws InterruptedException {
		for (Thread thread : this.leaked) {
			thread.interrupt();
		}
		for (Thread thread : this.leaked) {
			thread.join(10_000);
		}
	}

	@Test
	void leakIsReportedUntilReleased() throws Exception {
		awaitUntil(() -> this.monitor.report().samples() > 0, "the sampler's first sample");
		for (int i = 0; i < 4; i++) {
			leakOneThread();
			this.monitor.sample();
		}

		JsonNode report = getJson("/actuator/threadleaks", 200);
		assertThat(report.path("status").asString()).isEqualTo("LEAK_SUSPECTED");
		assertThat(report.path("threads").asInt()).isPositive();
		assertThat(report.path("samples").asLong()).isGreaterThanOrEqualTo(5);
		assertThat(report.path("suspects")).hasSize(1);
		JsonNode suspect = report.path("suspects").get(0);
		assertThat(suspect.path("name").asString()).isEqualTo(LEAK_PREFIX + "#");
		assertThat(suspect.path("state").asString()).isEqualTo("WAITING");
		assertThat(suspect.path("count").asInt()).isEqualTo(4);
		assertThat(suspect.path("growth").asInt()).isEqualTo(3);
		assertThat(suspect.path("suspected").asBoolean()).isTrue();
		assertThat(suspect.path("history").values()).map(JsonNode::asInt).containsExactly(1, 2, 3, 4);
		assertThat(suspect.path("frames").values()).map(JsonNode::asString)
			.anyMatch((frame) -> frame.startsWith("java.util.concurrent.SynchronousQueue.put"));
		String id = suspect.path("id").asString();
		assertThat(report.path("groups").values()).map((group) -> group.path("id").asString()).contains(id);

		JsonNode group = getJson("/actuator/threadleaks/" + id, 200);
		assertThat(group.path("id").asString()).isEqualTo(id);
		assertThat(group.path("count").asInt()).isEqualTo(4);
		assertThat(group.path("threads").values()).hasSize(4).allSatisfy((thread) -> {
			assertThat(thread.path("name").asString()).startsWith(LEAK_PREFIX);
			assertThat(thread.path("state").asString()).isEqualTo("WAITING");
			assertThat(thread.has("id") && thread.has("daemon") && thread.has("stuckForMillis")).isTrue();
		});
		assertThat(get("/actuator/threadleaks/000000000000").statusCode()).isEqualTo(404);

		JsonNode health = getJson("/actuator/health", 503);
		JsonNode threadLeaks = health.path("components").path("threadLeaks");
		assertThat(threadLeaks.path("status").asString()).isEqualTo("DOWN");
		assertThat(threadLeaks.path("details").path("suspects").get(0).path("id").asString()).isEqualTo(id);

		String prometheus = get("/actuator/prometheus").body();
		assertThat(prometheus)
			.contains("threadleaks_suspected_groups{" + APPLICATION + "} 1.0",
					"threadleaks_suspected_threads{" + APPLICATION + "} 4.0")
			.contains("threadleaks_group_threads{" + APPLICATION + ",group=\"" + id + "\",name=\"" + LEAK_PREFIX
					+ "#\",state=\"waiting\"} 4.0")
			.contains("threadleaks_sample_duration_seconds_count");

		release();
		this.monitor.sample();

		assertThat(getJson("/actuator/threadleaks", 200).path("status").asString()).isEqualTo("OK");
		assertThat(get("/actuator/threadleaks/" + id).statusCode()).isEqualTo(404);
		assertThat(getJson("/actuator/health", 200).path("components").path("threadLeaks").path("status").asString())
			.isEqualTo("UP");
		assertThat(get("/actuator/prometheus").body()).contains("threadleaks_suspected_groups{" + APPLICATION + "} 0.0")
			.doesNotContain("group=\"" + id + "\"");
	}

	/** Starts a thread that blocks in {@code put} for ever, and waits until it is parked there. */
	private void leakOneThread() {
		Thread thread = new Thread(() -> {
			try {
				this.queue.put(Thread.currentThread().getName());
			}
			catch (InterruptedException ex) {
				// Ended by the test.
			}
		}, LEAK_PREFIX + (this.leaked.size() + 1));
		thread.setDaemon(true);
		this.leaked.add(thread);
		thread.start();
		awaitUntil(() -> thread.getState() == Thread.State.WAITING, thread.getName() + " to block");
	}

	/** Takes what each leaked thread puts, so that all end, and waits for them. */
	private void release() throws InterruptedException {
		for (int i = 0; i < this.leaked.size(); i++) {
			this.queue.take();
		}
		for (Thread thread : this.leaked) {
			thread.join(10_000);
			assertThat(thread.isAlive()).isFalse();
		}
	}

	private JsonNode getJson(String path, int expectedStatus) throws IOException, InterruptedException {
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).as(path).isEqualTo(expectedStatus);
		return this.json.readTree(response.body());
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** Polls, with yields and for at most ten seconds, until a condition holds. */
	private static void awaitUntil(BooleanSupplier condition, String description) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waiting for " + description).isLessThan(deadline);
			Thread.onSpinWait();
			Thread.yield();
		}
	}

}
