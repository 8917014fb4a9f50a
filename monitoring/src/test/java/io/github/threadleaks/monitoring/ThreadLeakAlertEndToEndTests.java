package io.github.threadleaks.monitoring;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.github.threadleaks.core.StackGroupReport;
import io.github.threadleaks.core.SystemBinary;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.VirtualThreadsReport;
import io.github.threadleaks.core.virtual.PlatformAndVirtualMonitors;
import io.github.threadleaks.sample.SampleApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The shipped monitoring against the real thing: the sample app runs in this JVM, a real
 * Prometheus scrapes it every second with our rules loaded, a leak is made through the
 * app's HTTP API, and the Prometheus API shows {@code ThreadLeakSuspected} go pending,
 * then firing, naming the leaking group, then resolve once the leak is released.
 * Meanwhile every PromQL expression of the dashboard and of both rule files runs against
 * that Prometheus. The test drives every sample itself through the
 * {@link ThreadLeakMonitor} bean (the sampler's interval is an hour), so the detector
 * sees exactly the steps the test makes.
 */
class ThreadLeakAlertEndToEndTests {

	private static final String ALERT = "ThreadLeakSuspected";

	private static final String JOB = "threadleaks-sample";

	/**
	 * Short: this test only needs the transitions (see
	 * {@link MonitoringExpressions#prometheusRulesWithFor}).
	 */
	private static final int SHORT_FOR_SECONDS = 5;

	private static final String SHORT_FOR = SHORT_FOR_SECONDS + "s";

	private static final Duration DEADLINE = Duration.ofSeconds(60);

	/** The groups the app marks suspected: what the alert's annotations list. */
	private static final String MARKED = "threadleaks_group_suspected";

	private static ExecutorService httpExecutor;

	private static HttpClient http;

	@BeforeAll
	static void startClient() {
		// One worker thread of its own, so that the client's threads can never look like
		// a growing group.
		httpExecutor = Executors.newSingleThreadExecutor((task) -> new Thread(task, "test-http-client"));
		http = HttpClient.newBuilder().executor(httpExecutor).build();
	}

	@AfterAll
	static void stopClient() {
		httpExecutor.shutdownNow();
	}

	@Test
	void leakAlertGoesPendingFiringAndResolvesAndEveryQueryReturnsData() throws Exception {
		Path prometheus = SystemBinary.require("prometheus", "apt-get install prometheus");
		try (ConfigurableApplicationContext app = startSampleApp()) {
			ThreadLeakMonitor monitor = app.getBean(ThreadLeakMonitor.class);
			String appUri = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
			String target = URI.create(appUri).getAuthority();
			String rules = MonitoringExpressions.prometheusRulesWithFor(ALERT, SHORT_FOR);
			try (PrometheusServer server = PrometheusServer.start(prometheus, JOB, List.of(target),
					"/actuator/prometheus", rules, http)) {
				String suspects = "threadleaks_suspected_groups{job=\"" + JOB + "\"}";
				await(server, "the first scrape of the app", () -> server.query(suspects),
						(result) -> result.size() == 1);

				Leak leak = leak(server, monitor, appUri);
				String id = leak.group();

				JsonNode firing = await(server, ALERT + " firing", () -> alert(server),
						(alert) -> alert.path("state").asString().equals("firing"));
				assertThat(firing.path("labels").path("application").asString()).isEqualTo("threadleaks-sample");
				assertThat(firing.path("labels").path("instance").asString()).isEqualTo(target);
				assertThat(firing.path("labels").path("severity").asString()).isEqualTo("warning");
				// Exactly the suspect: no other group that grew while the app started.
				assertThat(firing.path("annotations").path("groups").asString())
					.as("groups marked suspected: %s", server.query(MARKED))
					.isEqualTo(id);
				assertThat(firing.path("annotations").path("description").asString())
					.contains("group " + id + " (search-replica-#, waiting)")
					.contains("curl http://" + target + "/actuator/threadleaks/" + id);
				// Prometheus records each state it held in its ALERTS series: pending
				// first, then firing.
				double pendingFrom = firstTimestamp(server, "pending", leak.suspectedAt());
				double firingFrom = firstTimestamp(server, "firing", leak.suspectedAt());
				assertThat(pendingFrom).as("pending before firing").isLessThan(firingFrom);
				// Firing only once pending has lasted the rule's `for`, less the second
				// the series' steps may hide.
				assertThat(firingFrom - pendingFrom).as("seconds pending")
					.isGreaterThanOrEqualTo(SHORT_FOR_SECONDS - 1);

				assertEveryExpressionRuns(server, target,
						watchesVirtualThreads(app.getBean(PlatformAndVirtualMonitors.class)));
				assertThat(server.ruleGroups().findValues("health")).map(JsonNode::asString)
					.hasSize(5)
					.containsOnly("ok");

				send(HttpRequest.newBuilder(URI.create(appUri + "/leaks")).DELETE(), 200);
				monitor.sample();
				assertThat(monitor.report().suspects()).isEmpty();
				double releasedAt = epochSeconds();
				await(server, ALERT + " resolved", () -> alert(server), JsonNode::isMissingNode);
				double resolvedAt = epochSeconds();
				assertThat(server.query("threadleaks_suspected_groups > 0")).isEmpty();

				System.out.printf(
						"%s timeline (for: %s), from the app's first suspicion: pending at +%.1f s, "
								+ "firing at +%.1f s; from the release: resolved by +%.1f s%n",
						ALERT, SHORT_FOR, pendingFrom - leak.suspectedAt(), firingFrom - leak.suspectedAt(),
						resolvedAt - releasedAt);
			}
		}
	}

	/**
	 * Leaks, in four steps, what twelve requests of the forgotten-sender pattern leave
	 * behind, and returns the suspected group and when the app first suspected it. After
	 * each step the test takes a sample and waits until Prometheus has scraped it, as a
	 * real leak grows over many scrapes.
	 */
	private Leak leak(PrometheusServer server, ThreadLeakMonitor monitor, String appUri) throws Exception {
		double suspectedAt = 0;
		String exported = "threadleaks_group_threads{job=\"" + JOB + "\",name=\"search-replica-#\",state=\"waiting\"}";
		for (int step = 0; step < 4; step++) {
			send(HttpRequest.newBuilder(URI.create(appUri + "/leaks/forgotten-sender?requests=3"))
				.POST(HttpRequest.BodyPublishers.noBody()), 200);
			monitor.sample();
			if (suspectedAt == 0 && !monitor.report().suspects().isEmpty()) {
				suspectedAt = epochSeconds();
			}
			String count = String.valueOf(leakedGroup(monitor).count());
			await(server, "a scrape of " + count + " leaked threads", () -> server.query(exported),
					(result) -> result.size() == 1 && result.get(0).path("value").get(1).asString().equals(count));
		}
		List<StackGroupReport> suspects = monitor.report().suspects();
		assertThat(suspects).as("suspects after the leak").hasSize(1);
		assertThat(suspects.get(0).name()).isEqualTo("search-replica-#");
		return new Leak(suspects.get(0).id(), suspectedAt);
	}

	private static boolean watchesVirtualThreads(PlatformAndVirtualMonitors reports) {
		VirtualThreadsReport virtualThreads = reports.report().virtualThreads();
		return virtualThreads != null && virtualThreads.status() == VirtualThreadsReport.Status.AVAILABLE;
	}

	/**
	 * The group of the forgotten-sender pattern's leaked threads, as the last sample saw
	 * it.
	 */
	private static StackGroupReport leakedGroup(ThreadLeakMonitor monitor) {
		return monitor.report()
			.groups()
			.stream()
			.filter((group) -> group.name().equals("search-replica-#") && group.state() == Thread.State.WAITING)
			.findFirst()
			.orElseThrow(() -> new AssertionError("No search-replica-# group in " + monitor.report().groups()));
	}

	/**
	 * Runs every expression of the dashboard and both rule files. All must parse; all
	 * must return data, except the sampler alerts', which must return none while the
	 * sampler works, the fleet alerts', which must return none for a leak on one
	 * instance, and the virtual threads' panel, which has none while they are not watched
	 * (without the JVM option that opens the thread containers, as on JDK 17).
	 */
	private void assertEveryExpressionRuns(PrometheusServer server, String instance, boolean virtualThreadsWatched)
			throws IOException {
		Map<String, String> variables = Map.of("application", "threadleaks-sample", "instance", instance,
				"__rate_interval", "15s", "__range", "5m", "datasource", "prometheus");
		List<PromQlExpression> expressions = MonitoringExpressions.all(variables);
		assertThat(expressions).hasSizeGreaterThanOrEqualTo(16);
		for (PromQlExpression expression : expressions) {
			JsonNode result = server.query(expression.promql());
			if (expression.where().contains("SamplerStopped")) {
				assertThat(result).as("while the sampler works: %s", expression).isEmpty();
			}
			else if (expression.where().contains("FleetWide")) {
				assertThat(result).as("for a leak on one instance: %s", expression).isEmpty();
			}
			else if (expression.promql().contains("threadleaks_virtual_threads") && !virtualThreadsWatched) {
				// Their meters are registered only while they are watched.
				assertThat(result).as("while virtual threads are not watched: %s", expression).isEmpty();
			}
			else {
				assertThat(result).as("data of %s", expression).isNotEmpty();
			}
		}
	}

	private static ConfigurableApplicationContext startSampleApp() {
		return new SpringApplicationBuilder(SampleApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
					"threadleaks.sample-interval=1h", "threadleaks.window=5", "threadleaks.min-growth=3")
			.run();
	}

	/** The one {@value #ALERT} alert, or a missing node while there is none. */
	private static JsonNode alert(PrometheusServer server) {
		for (JsonNode alert : server.alerts()) {
			if (ALERT.equals(alert.path("labels").path("alertname").asString())) {
				return alert;
			}
		}
		return MissingNode.getInstance();
	}

	/**
	 * Polls Prometheus until a value it returns is as expected, and returns that value.
	 */
	private static JsonNode await(PrometheusServer server, String what, Supplier<JsonNode> poll,
			Predicate<JsonNode> expected) throws InterruptedException {
		long deadline = System.nanoTime() + DEADLINE.toNanos();
		JsonNode last = poll.get();
		while (!expected.test(last)) {
			if (System.nanoTime() > deadline) {
				fail("No %s within %s; last seen: %s; Prometheus log:%n%s", what, DEADLINE, last, server.log());
			}
			server.betweenPolls();
			last = poll.get();
		}
		return last;
	}

	/** Sends a request to the app and returns the body of its expected response. */
	private static String send(HttpRequest.Builder request, int expectedStatus) throws Exception {
		HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
		return response.body();
	}

	/**
	 * When the alert first held the given state since {@code since}, by its
	 * {@code ALERTS} series: polled, as the last evaluation's sample may lie after the
	 * last step a range query ending now looks at.
	 */
	private static double firstTimestamp(PrometheusServer server, String state, double since)
			throws InterruptedException {
		String alerts = "ALERTS{alertname=\"" + ALERT + "\",alertstate=\"" + state + "\"}";
		JsonNode series = await(server, "ALERTS of " + ALERT + " " + state,
				() -> server.queryRange(alerts, since - 1, epochSeconds()), (result) -> result.size() == 1);
		return series.get(0).path("values").get(0).get(0).asDouble();
	}

	/** Now, in seconds since the epoch, the clock Prometheus stamps its samples with. */
	private static double epochSeconds() {
		return System.currentTimeMillis() / 1000.0;
	}

	/**
	 * A leak the app suspects.
	 *
	 * @param group the suspected group's id
	 * @param suspectedAt when the app's sample first suspected it, in seconds since the
	 * epoch
	 */
	private record Leak(String group, double suspectedAt) {
	}

}
