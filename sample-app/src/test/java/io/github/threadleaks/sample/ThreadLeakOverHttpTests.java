package io.github.threadleaks.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.SynchronousQueue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real leak in a running service, seen over real HTTP: the report lists it, its group
 * shows its threads, the health goes down and Prometheus carries the alert metric; once
 * the threads are released, all recover. The test drives every sample itself.
 */
class ThreadLeakOverHttpTests extends SampleAppTestSupport {

	private static final String LEAK_PREFIX = "sample-leak-";

	/**
	 * The tag application.yml puts on every meter, first in Prometheus's sorted label
	 * list.
	 */
	private static final String APPLICATION = "application=\"threadleaks-sample\"";

	private final SynchronousQueue<String> queue = new SynchronousQueue<>();

	private final List<Thread> leaked = new ArrayList<>();

	// Runs before the base class's reset, so that the reset finds these threads gone.
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
		// Five samples: at the last, two members have been in the group long enough to be
		// judged, the rule's floor.
		for (int i = 0; i < 5; i++) {
			leakOneThread();
			app.sample();
		}

		JsonNode report = app.get("/actuator/threadleaks", 200);
		assertThat(report.path("status").asString()).isEqualTo("LEAK_SUSPECTED");
		assertThat(report.path("threads").asInt()).isPositive();
		assertThat(report.path("samples").asLong()).isGreaterThanOrEqualTo(SampleAppTest.WINDOW + 4);
		assertThat(report.path("suspects")).hasSize(1);
		JsonNode suspect = report.path("suspects").get(0);
		assertThat(suspect.path("name").asString()).isEqualTo(LEAK_PREFIX + "#");
		assertThat(suspect.path("state").asString()).isEqualTo("WAITING");
		assertThat(suspect.path("count").asInt()).isEqualTo(5);
		assertThat(suspect.path("growth").asInt()).isEqualTo(4);
		assertThat(suspect.path("suspected").asBoolean()).isTrue();
		assertThat(suspect.path("history").values()).map(JsonNode::asInt).containsExactly(1, 2, 3, 4, 5);
		assertThat(suspect.path("frames").values()).map(JsonNode::asString)
			.anyMatch((frame) -> frame.startsWith("java.util.concurrent.SynchronousQueue.put"));
		assertThat(suspect.path("blockedAt").asString()).startsWith("java.util.concurrent.SynchronousQueue.put(")
			.contains(" from " + ThreadLeakOverHttpTests.class.getName() + ".");
		String id = suspect.path("id").asString();
		assertThat(report.path("groups").values()).map((group) -> group.path("id").asString()).contains(id);

		JsonNode group = app.get("/actuator/threadleaks/" + id, 200);
		assertThat(group.path("id").asString()).isEqualTo(id);
		assertThat(group.path("count").asInt()).isEqualTo(5);
		assertThat(group.path("threads").values()).hasSize(5).allSatisfy((thread) -> {
			assertThat(thread.path("name").asString()).startsWith(LEAK_PREFIX);
			assertThat(thread.path("state").asString()).isEqualTo("WAITING");
			assertThat(thread.has("id") && thread.has("daemon") && thread.has("stuckForMillis")).isTrue();
		});
		assertThat(app.send("GET", "/actuator/threadleaks/000000000000").statusCode()).isEqualTo(404);

		JsonNode health = app.get("/actuator/health", 503);
		JsonNode threadLeaks = health.path("components").path("threadLeaks");
		assertThat(threadLeaks.path("status").asString()).isEqualTo("DOWN");
		assertThat(threadLeaks.path("details").path("suspects").get(0).path("id").asString()).isEqualTo(id);

		String prometheus = app.send("GET", "/actuator/prometheus").body();
		assertThat(prometheus)
			.contains("threadleaks_suspected_groups{" + APPLICATION + "} 1.0",
					"threadleaks_suspected_threads{" + APPLICATION + "} 5.0")
			.contains("threadleaks_group_threads{" + APPLICATION + ",group=\"" + id + "\",name=\"" + LEAK_PREFIX
					+ "#\",state=\"waiting\"} 5.0")
			.contains("threadleaks_group_suspected{" + APPLICATION + ",group=\"" + id + "\",name=\"" + LEAK_PREFIX
					+ "#\",state=\"waiting\"} 1.0")
			.contains("threadleaks_sample_duration_seconds_count");

		release();
		app.sample();

		assertThat(app.get("/actuator/threadleaks", 200).path("status").asString()).isEqualTo("OK");
		assertThat(app.send("GET", "/actuator/threadleaks/" + id).statusCode()).isEqualTo(404);
		assertThat(app.get("/actuator/health", 200).path("components").path("threadLeaks").path("status").asString())
			.isEqualTo("UP");
		assertThat(app.send("GET", "/actuator/prometheus").body())
			.contains("threadleaks_suspected_groups{" + APPLICATION + "} 0.0")
			.doesNotContain("group=\"" + id + "\"");
	}

	/**
	 * Starts a thread that blocks in {@code put} for ever, and waits until it is parked
	 * there.
	 */
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
		RunningSampleApp.awaitUntil(() -> thread.getState() == Thread.State.WAITING, thread.getName() + " to block");
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

}
