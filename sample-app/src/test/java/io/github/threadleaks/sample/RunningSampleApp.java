package io.github.threadleaks.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.ThreadLeakReport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app under test, as its users reach it: over real HTTP, plus its
 * {@link ThreadLeakMonitor}, whose samples the test takes itself. Requests are plain
 * blocking {@link HttpURLConnection} calls, on the caller's thread or, for requests sent
 * together, on named threads of the test's own, so that no client thread (the JDK
 * {@code HttpClient}'s selector among them, which one of the app's leaks multiplies) can
 * look like the app's. Close it after the test class.
 */
final class RunningSampleApp implements AutoCloseable {

	private static final Pattern METRIC_LINE = Pattern
		.compile("(?m)^threadleaks_suspected_groups(?:\\{[^}]*})? (\\S+)$");

	private final JsonMapper json = JsonMapper.builder().build();

	private final ExecutorService httpExecutor = Executors
		.newCachedThreadPool((task) -> new Thread(task, "test-http-client"));

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final String baseUrl;

	private final ThreadLeakMonitor monitor;

	RunningSampleApp(int port, ThreadLeakMonitor monitor) {
		this.baseUrl = "http://localhost:" + port;
		this.monitor = monitor;
	}

	String baseUrl() {
		return this.baseUrl;
	}

	/**
	 * Releases every leak, stops every workload and samples a whole window, so that the
	 * next test starts from a clean report: the app's context, and its threads, are
	 * shared by every test class.
	 */
	void reset() {
		assertThat(send("DELETE", "/leaks").statusCode()).isEqualTo(200);
		assertThat(send("DELETE", "/workloads").statusCode()).isEqualTo(200);
		awaitUntil(() -> this.monitor.report().samples() > 0, "the sampler's first sample");
		for (int i = 0; i < SampleAppTest.WINDOW; i++) {
			this.monitor.sample();
		}
		ThreadLeakReport report = this.monitor.report();
		assertThat(report.suspects()).as("suspects after a reset").isEmpty();
	}

	ThreadLeakReport sample() {
		return this.monitor.sample();
	}

	JsonNode json(String method, String path, int expectedStatus) {
		Response response = send(method, path);
		assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expectedStatus);
		return this.json.readTree(response.body());
	}

	JsonNode get(String path, int expectedStatus) {
		return json("GET", path, expectedStatus);
	}

	JsonNode post(String path) {
		return json("POST", path, 200);
	}

	Response send(String method, String path) {
		try {
			HttpURLConnection connection = (HttpURLConnection) URI.create(this.baseUrl + path).toURL().openConnection();
			connection.setRequestMethod(method);
			connection.setConnectTimeout((int) TIMEOUT.toMillis());
			connection.setReadTimeout((int) TIMEOUT.toMillis());
			if (method.equals("POST")) {
				connection.setDoOutput(true);
				connection.getOutputStream().close();
			}
			int status = connection.getResponseCode();
			InputStream body = (status >= 400) ? connection.getErrorStream() : connection.getInputStream();
			String text = "";
			if (body != null) {
				try (body) {
					text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
				}
			}
			return new Response(status, String.valueOf(connection.getContentType()), text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Sends a request without waiting for its answer, so that several run at once. */
	CompletableFuture<Response> sendAsync(String method, String path) {
		return CompletableFuture.supplyAsync(() -> send(method, path), this.httpExecutor);
	}

	/** The value of {@code threadleaks_suspected_groups} as Prometheus scrapes it. */
	double suspectedGroupsMetric() {
		String scrape = send("GET", "/actuator/prometheus").body();
		Matcher matcher = METRIC_LINE.matcher(scrape);
		assertThat(matcher.find()).as("threadleaks_suspected_groups in the scrape").isTrue();
		return Double.parseDouble(matcher.group(1));
	}

	/** The report's groups with the given normalized name. */
	static List<JsonNode> groupsNamed(JsonNode report, String name) {
		return report.path("groups")
			.valueStream()
			.filter((group) -> group.path("name").asString().equals(name))
			.toList();
	}

	@Override
	public void close() {
		this.httpExecutor.shutdownNow();
	}

	/** An answer: its status, content type and body. */
	record Response(int statusCode, String contentType, String body) {
	}

	/** Polls, with yields and for at most ten seconds, until a condition holds. */
	static void awaitUntil(BooleanSupplier condition, String description) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime() - deadline).as("waiting for " + description).isNegative();
			Thread.onSpinWait();
			Thread.yield();
		}
	}

}
