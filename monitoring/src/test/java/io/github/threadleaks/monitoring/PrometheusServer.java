package io.github.threadleaks.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A real Prometheus server, started from the {@code prometheus} executable on a free
 * loopback port with a temporary configuration and storage, scraping its targets every
 * second and evaluating the given rules every second. Closing it stops the process and
 * everything it started, and removes its directory.
 */
final class PrometheusServer extends ChildProcess {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private final URI uri;

	private final HttpClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	private PrometheusServer(Path directory, Process process, URI uri, HttpClient http) {
		super("Prometheus", directory, process, "prometheus.log");
		this.uri = uri;
		this.http = http;
	}

	/**
	 * Starts Prometheus and waits until it is ready.
	 * @param executable the {@code prometheus} executable
	 * @param job the scrape job's name
	 * @param targets the {@code host:port} of each instance to scrape
	 * @param metricsPath the path of the metrics on the target
	 * @param rules the text of the rule file to load
	 * @param http the client to call the HTTP API with
	 * @return the running server
	 */
	static PrometheusServer start(Path executable, String job, List<String> targets, String metricsPath, String rules,
			HttpClient http) throws IOException, InterruptedException {
		Path directory = Files.createTempDirectory("threadleaks-prometheus-");
		Process process = null;
		try {
			Files.writeString(directory.resolve("rules.yml"), rules);
			Files.writeString(directory.resolve("prometheus.yml"), """
					global:
					  scrape_interval: 1s
					  scrape_timeout: 1s
					  evaluation_interval: 1s
					rule_files: [rules.yml]
					scrape_configs:
					  - job_name: %s
					    metrics_path: %s
					    static_configs:
					      - targets: [%s]
					""".formatted(job, metricsPath,
					targets.stream().map((target) -> "'" + target + "'").collect(Collectors.joining(", "))));
			int port = freeLoopbackPort();
			process = new ProcessBuilder(executable.toString(), "--config.file=prometheus.yml",
					"--storage.tsdb.path=data", "--web.listen-address=127.0.0.1:" + port)
				.directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(directory.resolve("prometheus.log").toFile())
				.start();
			PrometheusServer server = new PrometheusServer(directory, process, URI.create("http://127.0.0.1:" + port),
					http);
			server.awaitReady();
			return server;
		}
		catch (IOException | InterruptedException | RuntimeException | Error ex) {
			if (process != null) {
				stop(process);
			}
			deleteDirectory(directory);
			throw ex;
		}
	}

	/**
	 * Runs an instant query and returns its result vector; fails if Prometheus rejects
	 * the query.
	 */
	JsonNode query(String promql) {
		JsonNode response = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
		assertThat(response.path("status").asString()).as("status of query %s: %s", promql, response)
			.isEqualTo("success");
		return response.path("data").path("result");
	}

	/**
	 * Runs a range query from {@code start} to {@code end} (seconds since the epoch) in
	 * steps of a second.
	 */
	JsonNode queryRange(String promql, double start, double end) {
		JsonNode response = get("/api/v1/query_range?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
				+ "&start=" + start + "&end=" + end + "&step=1");
		assertThat(response.path("status").asString()).as("status of range query %s: %s", promql, response)
			.isEqualTo("success");
		return response.path("data").path("result");
	}

	/** The active (pending or firing) alerts. */
	JsonNode alerts() {
		return get("/api/v1/alerts").path("data").path("alerts");
	}

	/** The rule groups with each rule's health and last error. */
	JsonNode ruleGroups() {
		return get("/api/v1/rules").path("data").path("groups");
	}

	@Override
	long pollMillis() {
		return 20;
	}

	private JsonNode get(String pathAndQuery) {
		HttpRequest request = HttpRequest.newBuilder(this.uri.resolve(pathAndQuery))
			.timeout(Duration.ofSeconds(30))
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return this.json.readTree(response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("GET " + request.uri() + " failed; Prometheus log:\n" + log(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while calling Prometheus", ex);
		}
	}

	private void awaitReady() throws InterruptedException {
		HttpRequest ready = HttpRequest.newBuilder(this.uri.resolve("/-/ready")).timeout(Duration.ofSeconds(5)).build();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (true) {
			if (!this.process.isAlive()) {
				fail("Prometheus exited with %d before it was ready; its log:%n%s", this.process.exitValue(), log());
			}
			try {
				if (this.http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			if (System.nanoTime() > deadline) {
				fail("Prometheus was not ready within %s; its log:%n%s", START_TIMEOUT, log());
			}
			// Wait for the process to end, briefly: a poll with a bound, not a sleep the
			// result depends on.
			this.process.waitFor(100, TimeUnit.MILLISECONDS);
		}
	}

	private static int freeLoopbackPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
