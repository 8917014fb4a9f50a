package io.github.threadleaks.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.github.threadleaks.core.SystemBinary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The fleet view against the real thing: three instances of the sample app, each in a JVM
 * of its own, the first two leaking in the same two ways, the third in a way of its own.
 * Each instance finds its leaks by itself: its sampler runs every half second, the test
 * waits until every instance reports its suspects. Then the same leak must carry the same
 * group id in both JVMs, and a real Prometheus scraping all three with the shipped rules
 * must fire {@code ThreadLeakFleetWide} once for each of the two shared groups, with the
 * value 2 and both instances in its annotations, never for the third instance's own leak,
 * while every query of the dashboard and of both rule files returns data.
 */
class FleetEndToEndTests {

	private static final String ALERT = "ThreadLeakFleetWide";

	private static final String JOB = "threadleaks-fleet";

	private static final String APPLICATION = "threadleaks-sample";

	private static final Leak FORGOTTEN_SENDER = new Leak("forgotten-sender", "search-replica-#", 2);

	private static final Leak LATCH = new Leak("latch-never-reaches-zero", "batch-collector-#", 1);

	private static final Leak ABANDONED_RECEIVER = new Leak("abandoned-receiver", "event-listener-#", 1);

	/** What each instance leaks: the first two the same, the third its own. */
	private static final List<List<Leak>> LEAKS = List.of(List.of(FORGOTTEN_SENDER, LATCH),
			List.of(FORGOTTEN_SENDER, LATCH), List.of(ABANDONED_RECEIVER));

	/**
	 * Four steps of four threads per pattern: the history of each leaked group reads 4,
	 * 8, 12, 16.
	 */
	private static final int LEAK_STEPS = 4;

	private static final int PER_STEP = 4;

	private static final int LEAKED_PER_PATTERN = LEAK_STEPS * PER_STEP;

	/**
	 * Fast detection: a sample every half second, judged over four, a growth of 8 threads
	 * enough.
	 */
	private static final List<String> PROPERTIES = List.of("threadleaks.sample-interval=500ms", "threadleaks.window=4",
			"threadleaks.min-growth=8");

	private static final Duration DEADLINE = Duration.ofSeconds(60);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<SampleAppProcess> instances = new ArrayList<>();

	private static final List<String> authorities = new ArrayList<>();

	private static ExecutorService httpExecutor;

	private static HttpClient http;

	/** Starts the three instances at once, and leaks on the first two. */
	@BeforeAll
	static void startFleet() throws Exception {
		// One worker thread of its own, so that the client's threads can never look like
		// a growing group.
		httpExecutor = Executors.newSingleThreadExecutor((task) -> new Thread(task, "test-http-client"));
		http = HttpClient.newBuilder().executor(httpExecutor).build();
		long started = System.nanoTime();
		for (int i = 0; i < 3; i++) {
			instances.add(SampleAppProcess.start(PROPERTIES));
		}
		for (SampleAppProcess instance : instances) {
			authorities.add(instance.awaitAuthority());
		}
		System.out.printf("Three sample-app JVMs started in %.1f s%n", (System.nanoTime() - started) / 1e9);
		// A group's history starts when it first appears, so a leak must grow over
		// several samples to be suspected.
		for (int step = 0; step < LEAK_STEPS; step++) {
			long[] samples = new long[instances.size()];
			for (int i = 0; i < instances.size(); i++) {
				samples[i] = report(authorities.get(i)).path("samples").asLong();
				for (Leak leak : LEAKS.get(i)) {
					send(authorities.get(i), "POST",
							"/leaks/" + leak.pattern() + "?requests=" + (PER_STEP / leak.threadsPerRequest()));
				}
			}
			for (int i = 0; i < instances.size(); i++) {
				long before = samples[i];
				// Two samples on: the second began after the requests were answered.
				awaitReport(i, "two samples after step " + step,
						(report) -> report.path("samples").asLong() >= before + 2);
			}
		}
		for (int i = 0; i < instances.size(); i++) {
			Set<String> leaked = LEAKS.get(i).stream().map(Leak::group).collect(Collectors.toSet());
			awaitReport(i, "its leaks suspected", (report) -> suspects(report).keySet().equals(leaked));
		}
	}

	@AfterAll
	static void stopFleet() {
		instances.forEach(SampleAppProcess::close);
		if (httpExecutor != null) {
			httpExecutor.shutdownNow();
		}
	}

	@Test
	void theSameLeakHasTheSameGroupIdInEveryJvm() {
		Map<String, String> first = suspects(report(authorities.get(0)));
		Map<String, String> second = suspects(report(authorities.get(1)));
		assertThat(first).as("group ids by name on %s", authorities.get(0)).hasSize(2);
		assertThat(second).as("group ids by name on %s, against %s", authorities.get(1), authorities.get(0))
			.isEqualTo(first);
		Map<String, String> third = suspects(report(authorities.get(2)));
		assertThat(third).as("the third instance's own leak").containsOnlyKeys(ABANDONED_RECEIVER.group());
		assertThat(first.values()).doesNotContainAnyElementsOf(third.values())
			.doesNotHaveDuplicates()
			.allMatch((id) -> id.matches("[0-9a-f]{12}"));
	}

	@Test
	void fleetAlertFiresOncePerGroupWithTheInstanceCountAndEveryQueryReturnsData() throws Exception {
		Path prometheus = SystemBinary.require("prometheus", "apt-get install prometheus");
		Map<String, String> shared = suspects(report(authorities.get(0)));
		try (PrometheusServer server = PrometheusServer.start(prometheus, JOB, authorities, "/actuator/prometheus",
				MonitoringExpressions.prometheusRulesWithFor(ALERT, "2s"), http)) {
			List<JsonNode> firing = awaitFiring(server, shared.size());
			assertThat(firing).extracting((alert) -> alert.path("labels").path("group").asString())
				.as("one alert per shared group, none for the third instance's own leak or for a start-up pool")
				.containsExactlyInAnyOrderElementsOf(shared.values());
			for (JsonNode alert : firing) {
				assertFleetAlert(alert, shared);
			}
			String counted = "application_group:threadleaks_group_suspected:count";
			assertThat(server.query(counted)).extracting((series) -> series.path("value").get(1).asString())
				.as("instances suspecting each group: %s", server.query(counted))
				.containsExactlyInAnyOrder("2", "2", "1");
			assertEveryExpressionReturnsData(server);
			assertThat(server.ruleGroups().findValues("health")).map(JsonNode::asString).hasSize(5).containsOnly("ok");
		}
	}

	/** Its value, labels and annotations; its link works and opens that group. */
	private static void assertFleetAlert(JsonNode alert, Map<String, String> shared) {
		String group = alert.path("labels").path("group").asString();
		assertThat(shared).as("alert %s", alert).containsEntry(alert.path("labels").path("name").asString(), group);
		assertThat(alert.path("labels").path("application").asString()).isEqualTo(APPLICATION);
		assertThat(alert.path("labels").path("severity").asString()).isEqualTo("warning");
		assertThat(Double.parseDouble(alert.path("value").asString())).as("value of %s", alert).isEqualTo(2);
		assertThat(alert.path("annotations").path("summary").asString()).endsWith("suspected on 2 instances");
		assertThat(Arrays.asList(alert.path("annotations").path("instances").asString().split(" ")))
			.containsExactlyInAnyOrderElementsOf(authorities.subList(0, 2));
		String description = alert.path("annotations").path("description").asString();
		assertThat(description).contains(
				"- " + authorities.get(0) + " (job " + JOB + "): " + LEAKED_PER_PATTERN + " threads",
				"- " + authorities.get(1) + " (job " + JOB + "): " + LEAKED_PER_PATTERN + " threads");
		String link = description.replaceAll("(?s).*curl (http://\\S+).*", "$1");
		assertThat(link).as(description)
			.isIn(authorities.subList(0, 2)
				.stream()
				.map((authority) -> "http://" + authority + "/actuator/threadleaks/" + group)
				.toList());
		JsonNode opened = JSON.readTree(get(link));
		assertThat(opened.path("id").asString()).isEqualTo(group);
		assertThat(opened.path("suspected").asBoolean()).isTrue();
	}

	/**
	 * Runs every expression of the dashboard and both rule files over the whole fleet:
	 * all must return data, except the sampler alerts', which must return none while the
	 * samplers work, and the virtual threads' panel, which has none while they are not
	 * watched.
	 */
	private static void assertEveryExpressionReturnsData(PrometheusServer server) throws IOException {
		Map<String, String> variables = Map.of("application", APPLICATION, "instance", ".*", "__rate_interval", "15s",
				"__range", "5m", "datasource", "prometheus");
		List<PromQlExpression> expressions = MonitoringExpressions.all(variables);
		assertThat(expressions).filteredOn((expression) -> expression.where().contains("Fleet")).hasSize(7);
		for (PromQlExpression expression : expressions) {
			JsonNode result = server.query(expression.promql());
			if (expression.where().contains("SamplerStopped")) {
				assertThat(result).as("while the samplers work: %s", expression).isEmpty();
			}
			else if (expression.promql().contains("threadleaks_virtual_threads")) {
				// The instances leave virtual threads unwatched (the default), so their
				// meters are not registered.
				assertThat(result).as("while virtual threads are not watched: %s", expression).isEmpty();
			}
			else {
				assertThat(result).as("data of %s", expression).isNotEmpty();
			}
		}
	}

	/** Waits until the given number of {@value #ALERT} alerts fire, and returns them. */
	private static List<JsonNode> awaitFiring(PrometheusServer server, int count) throws InterruptedException {
		long deadline = System.nanoTime() + DEADLINE.toNanos();
		List<JsonNode> firing = firing(server);
		while (firing.size() < count) {
			if (System.nanoTime() > deadline) {
				fail("No %d %s firing within %s; alerts: %s; Prometheus log:%n%s", count, ALERT, DEADLINE,
						server.alerts(), server.log());
			}
			server.betweenPolls();
			firing = firing(server);
		}
		return firing;
	}

	private static List<JsonNode> firing(PrometheusServer server) {
		List<JsonNode> firing = new ArrayList<>();
		for (JsonNode alert : server.alerts()) {
			if (ALERT.equals(alert.path("labels").path("alertname").asString())
					&& alert.path("state").asString().equals("firing")) {
				firing.add(alert);
			}
		}
		return firing;
	}

	/** The ids of a report's suspects, by their group's name. */
	private static Map<String, String> suspects(JsonNode report) {
		Map<String, String> ids = new LinkedHashMap<>();
		for (JsonNode suspect : report.path("suspects")) {
			ids.put(suspect.path("name").asString(), suspect.path("id").asString());
		}
		return ids;
	}

	private static JsonNode report(String authority) {
		return JSON.readTree(get("http://" + authority + "/actuator/threadleaks"));
	}

	/** Polls an instance's report until it is as expected. */
	private static void awaitReport(int instance, String what, Predicate<JsonNode> expected)
			throws InterruptedException {
		String authority = authorities.get(instance);
		long deadline = System.nanoTime() + DEADLINE.toNanos();
		JsonNode report = report(authority);
		while (!expected.test(report)) {
			if (System.nanoTime() > deadline) {
				fail("No %s on %s within %s; its report: %s; its log:%n%s", what, authority, DEADLINE, report,
						instances.get(instance).log());
			}
			instances.get(instance).betweenPolls();
			report = report(authority);
		}
	}

	private static String get(String uri) {
		return send(URI.create(uri), "GET");
	}

	private static String send(String authority, String method, String path) {
		return send(URI.create("http://" + authority + path), method);
	}

	/** Sends a request and returns the body of its 200 response. */
	private static String send(URI uri, String method) {
		try {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
				.method(method, HttpRequest.BodyPublishers.noBody())
				.timeout(Duration.ofSeconds(30))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(method + " " + uri + ": " + response.body()).isEqualTo(200);
			return response.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(method + " " + uri, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A leak pattern of the sample app.
	 *
	 * @param pattern its id in {@code POST /leaks/{id}}
	 * @param group the normalized name of the group its threads form
	 * @param threadsPerRequest the threads each request leaves behind
	 */
	private record Leak(String pattern, String group, int threadsPerRequest) {
	}

}
