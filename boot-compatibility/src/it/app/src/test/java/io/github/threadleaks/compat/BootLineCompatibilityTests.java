package io.github.threadleaks.compat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The starter in an application of one Boot line: endpoint, write operation, health, info and meters over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class BootLineCompatibilityTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@Value("${local.server.port}")
	private int port;

	@Test
	void runsOnTheBootLineOfItsParent() {
		assertThat(SpringBootVersion.getVersion()).isEqualTo(System.getProperty("expected.boot.version"));
	}

	@Test
	void endpointAnswersTheReportAndTakesASampleOnPost() throws Exception {
		JsonNode report = json(send("GET", "/actuator/threadleaks", 200));
		assertThat(report.path("status").asString()).isEqualTo("OK");
		assertThat(report.path("threads").asInt()).isPositive();
		long samples = report.path("samples").asLong();
		JsonNode sampled = json(send("POST", "/actuator/threadleaks", 200));
		assertThat(sampled.path("samples").asLong()).isGreaterThan(samples);
		assertThat(sampled.path("groups").isArray()).isTrue();
		String id = sampled.path("groups").path(0).path("id").asString();
		assertThat(json(send("GET", "/actuator/threadleaks/" + id, 200)).path("threads").isArray()).isTrue();
		send("GET", "/actuator/threadleaks/000000000000", 404);
	}

	@Test
	void healthHasTheThreadLeaksComponent() throws Exception {
		JsonNode health = json(send("GET", "/actuator/health", 200));
		assertThat(health.path("components").path("threadLeaks").path("status").asString()).isEqualTo("UP");
	}

	@Test
	void infoNamesTheVersion() throws Exception {
		JsonNode info = json(send("GET", "/actuator/info", 200));
		assertThat(info.path("threadleaks").path("version").asString())
			.isEqualTo(System.getProperty("expected.threadleaks.version"));
		assertThat(info.path("threadleaks").path("settings").path("sampleInterval").asString()).isEqualTo("PT10S");
	}

	@Test
	void metersAreInTheMetricsEndpointAndInPrometheus() throws Exception {
		JsonNode suspected = json(send("GET", "/actuator/metrics/threadleaks.suspected.groups", 200));
		assertThat(suspected.path("measurements").path(0).path("value").asDouble()).isZero();
		send("GET", "/actuator/metrics/threadleaks.sample.duration", 200);
		String prometheus = send("GET", "/actuator/prometheus", 200);
		assertThat(prometheus).contains("threadleaks_suspected_groups ", "threadleaks_suspected_threads ",
				"threadleaks_sample_duration_seconds_count", "threadleaks_group_threads{");
		// Virtual threads are off by default: none of their meters.
		assertThat(prometheus).doesNotContain("threadleaks_virtual_threads");
	}

	private String send(String method, String path, int expectedStatus) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(30))
			.build();
		HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expectedStatus);
		return response.body();
	}

	private static JsonNode json(String body) {
		return JSON.readTree(body);
	}

}
