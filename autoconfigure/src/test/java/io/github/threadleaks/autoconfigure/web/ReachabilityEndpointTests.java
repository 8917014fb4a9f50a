package io.github.threadleaks.autoconfigure.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.threadleaks.core.StackGroupReport;
import io.github.threadleaks.core.ThreadLeakMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /actuator/threadleaks/{id}/reachability} over real HTTP with Spring
 * Security, on threads waiting on futures nobody else holds, from a real heap dump of
 * this JVM.
 */
class ReachabilityEndpointTests {

	private static final String EXPOSED = "management.endpoints.web.exposure.include=health,threadleaks";

	private static final String ONE_SAMPLE_AN_HOUR = "threadleaks.sample-interval=1h";

	private static final String NAME = "reachability-web-orphan-";

	private final List<Thread> waiters = new ArrayList<>();

	@AfterEach
	void release() throws InterruptedException {
		for (Thread waiter : this.waiters) {
			waiter.interrupt();
			waiter.join(30_000);
			assertThat(waiter.isAlive()).as(waiter.getName() + " ended").isFalse();
		}
	}

	@Test
	void answersTheVerdictToTheRoleOnly() throws IOException {
		startOrphanWaiters(2);
		try (RunningApplication app = RunningApplication.start(EXPOSED, ONE_SAMPLE_AN_HOUR,
				"threadleaks.reachability.enabled=true")) {
			String path = "/actuator/threadleaks/" + orphanGroup(app) + "/reachability";
			assertThat(app.get(path, null).status()).isEqualTo(401);
			assertThat(app.get(path, SecuredActuatorApplication.DEVELOPER).status()).isEqualTo(403);
			RunningApplication.Response answer = getWithoutTimeout(app, path);
			assertThat(answer.status()).as(answer.body()).isEqualTo(200);
			Map<String, Object> verdict = answer.json();
			assertThat(verdict).containsEntry("verdict", "UNREACHABLE")
				.containsEntry("blockerClass", "java.util.concurrent.CompletableFuture$Signaller")
				.containsEntry("threads", 2)
				.containsEntry("path", List.of())
				.containsKeys("group", "heapDumpBytes", "dumpMillis", "analysisMillis", "explanation");
			assertThat(((Number) verdict.get("heapDumpBytes")).longValue()).isPositive();
			assertThat(app.get("/actuator/threadleaks/000000000000/reachability", SecuredActuatorApplication.OPERATOR)
				.status()).isEqualTo(404);
			assertThat(
					app.get("/actuator/threadleaks/" + orphanGroup(app) + "/other", SecuredActuatorApplication.OPERATOR)
						.status())
				.isEqualTo(404);
		}
	}

	@Test
	void anAnalysisPastItsTimeoutIsRefusedWith503AndTheApplicationLives() throws IOException {
		startOrphanWaiters(1);
		try (RunningApplication app = RunningApplication.start(EXPOSED, ONE_SAMPLE_AN_HOUR,
				"threadleaks.reachability.enabled=true", "threadleaks.reachability.analysis.timeout=1ms")) {
			String path = "/actuator/threadleaks/" + orphanGroup(app) + "/reachability";
			RunningApplication.Response answer = getWithoutTimeout(app, path);
			assertThat(answer.status()).as(answer.body()).isEqualTo(503);
			assertThat(answer.json().get("message")).asString()
				.contains("longer than its timeout of PT0.001S")
				.contains("the application is unaffected")
				.contains("threadleaks.reachability.analysis.timeout");
			assertThat(app.get("/actuator/health", null).status()).isEqualTo(200);
		}
	}

	@Test
	void disabledByDefaultThePathAnswers404() throws IOException {
		startOrphanWaiters(1);
		try (RunningApplication app = RunningApplication.start(EXPOSED, ONE_SAMPLE_AN_HOUR)) {
			String group = orphanGroup(app);
			assertThat(app.get("/actuator/threadleaks/" + group, SecuredActuatorApplication.OPERATOR).status())
				.isEqualTo(200);
			assertThat(app.get("/actuator/threadleaks/" + group + "/reachability", SecuredActuatorApplication.OPERATOR)
				.status()).isEqualTo(404);
		}
	}

	/**
	 * GET as the operator with no read timeout: the analysis reads a dump of this whole
	 * test JVM, whose size depends on which tests ran before, on a machine that may be
	 * busy.
	 */
	private static RunningApplication.Response getWithoutTimeout(RunningApplication app, String path)
			throws IOException {
		String port = app.context().getEnvironment().getRequiredProperty("local.server.port");
		HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path)
			.toURL()
			.openConnection();
		String credentials = SecuredActuatorApplication.OPERATOR + ":" + SecuredActuatorApplication.PASSWORD;
		connection.setRequestProperty("Authorization",
				"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		connection.setConnectTimeout(10_000);
		connection.setReadTimeout(0);
		long started = System.nanoTime();
		try {
			int status = connection.getResponseCode();
			try (InputStream body = (status < 400) ? connection.getInputStream() : connection.getErrorStream()) {
				String text = (body != null) ? new String(body.readAllBytes(), StandardCharsets.UTF_8) : "";
				return new RunningApplication.Response(status, text, System.nanoTime() - started);
			}
		}
		finally {
			connection.disconnect();
		}
	}

	/** Takes a sample now and answers the id of the waiters' group. */
	private static String orphanGroup(RunningApplication app) {
		return app.context()
			.getBean(ThreadLeakMonitor.class)
			.sample()
			.groups()
			.stream()
			.filter((group) -> group.name().startsWith(NAME))
			.map(StackGroupReport::id)
			.findFirst()
			.orElseThrow();
	}

	/** Threads each waiting on a future that only its own stack holds. */
	private void startOrphanWaiters(int count) {
		for (int i = 0; i < count; i++) {
			Thread waiter = new Thread(() -> {
				try {
					new CompletableFuture<String>().get();
				}
				catch (Exception ex) {
					// Interrupted: the test's release.
				}
			}, NAME + i);
			this.waiters.add(waiter);
			waiter.start();
			long deadline = System.nanoTime() + 30_000_000_000L;
			while (waiter.getState() != Thread.State.WAITING) {
				assertThat(System.nanoTime()).as(waiter.getName() + " waiting within 30s").isLessThan(deadline);
				Thread.onSpinWait();
			}
		}
	}

}
