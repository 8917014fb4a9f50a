package io.github.threadleaks.autoconfigure.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;

import io.github.threadleaks.core.ThreadLeakMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent clients read {@code /actuator/threadleaks} and {@code /actuator/health} over
 * real HTTP while the sampler runs every 100ms: no error answer, every report consistent
 * in itself, each client's samples never going back, and the sampler still sampling. The
 * default run is short and ends when every request is answered; the full run (50 clients
 * for 30 seconds) is opt-in with {@code -Dthreadleaks.load.full=true} and prints its
 * figures; {@code -Dthreadleaks.load.clients} and {@code -Dthreadleaks.load.seconds}
 * change its size.
 */
class ActuatorLoadTests {

	private static final long INTERVAL_MILLIS = 100;

	/** The largest report seen, in characters, printed with the figures. */
	private static final AtomicLong REPORT_BYTES = new AtomicLong();

	/** The longest sample seen in a report, in microseconds, printed with the figures. */
	private static final AtomicLong SAMPLE_MICROS = new AtomicLong();

	@Test
	void tenClientsGetConsistentReportsWhileSamplingGoesOn() throws Exception {
		Figures figures = run(10, (started) -> new RequestBudget(12));
		System.out.println("threadleaks load (short): " + figures);
		assertThat(figures.requests).isEqualTo(10 * 12);
		// Sampling went on under the clients; its cadence is printed, not asserted (no
		// timing assertions).
		assertThat(figures.samplesTaken).isPositive();
	}

	@Test
	@EnabledIfSystemProperty(named = "threadleaks.load.full", matches = "true")
	void fiftyClientsForThirtySeconds() throws Exception {
		int clients = Integer.getInteger("threadleaks.load.clients", 50);
		long seconds = Integer.getInteger("threadleaks.load.seconds", 30);
		Figures figures = run(clients,
				(started) -> () -> System.nanoTime() - started < TimeUnit.SECONDS.toNanos(seconds));
		System.out.println("threadleaks load (full, " + clients + " clients): " + figures);
		// Cadence is printed, not asserted: on two shared cores, 100 busy threads starve
		// the sampler of CPU.
		assertThat(figures.samplesTaken).isPositive();
	}

	/**
	 * Runs the clients against a fresh application; {@code more} tells, from the start
	 * time, when to stop.
	 */
	private Figures run(int clients, LongFunction<BooleanSupplier> more) throws Exception {
		// A high min-growth: the web server's own pool grows under this load, and
		// detection is not under test here.
		try (RunningApplication app = RunningApplication.start(
				"management.endpoints.web.exposure.include=health,threadleaks",
				"management.endpoint.health.show-details=always", "threadleaks.sample-interval=100ms",
				"threadleaks.min-growth=1000")) {
			ThreadLeakMonitor monitor = app.context().getBean(ThreadLeakMonitor.class);
			ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
			ExecutorService executor = Executors.newFixedThreadPool(clients);
			long samplesBefore = monitor.report().samples();
			long started = System.nanoTime();
			BooleanSupplier goOn = more.apply(started);
			try {
				List<Future<Integer>> results = new ArrayList<>();
				for (int i = 0; i < clients; i++) {
					results.add(executor.submit(() -> client(app, goOn, latencies)));
				}
				int requests = 0;
				for (Future<Integer> result : results) {
					requests += result.get();
				}
				long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
				long samplesTaken = monitor.report().samples() - samplesBefore;
				return new Figures(requests, samplesTaken, elapsedMillis / INTERVAL_MILLIS, elapsedMillis,
						percentile(latencies, 0.5), percentile(latencies, 0.99));
			}
			finally {
				executor.shutdown();
				assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
			}
		}
	}

	/**
	 * One client: alternates the two reads until told to stop, checking every answer;
	 * returns its requests.
	 */
	@SuppressWarnings("unchecked")
	private static int client(RunningApplication app, BooleanSupplier more, ConcurrentLinkedQueue<Long> latencies)
			throws IOException {
		long lastSamples = -1;
		int requests = 0;
		while (more.getAsBoolean()) {
			boolean report = requests % 2 == 0;
			RunningApplication.Response response = app.get(report ? "/actuator/threadleaks" : "/actuator/health",
					SecuredActuatorApplication.OPERATOR);
			requests++;
			latencies.add(response.nanos());
			if (report) {
				REPORT_BYTES.accumulateAndGet(response.body().length(), Math::max);
			}
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			if (report) {
				Map<String, Object> json = response.json();
				long samples = ((Number) json.get("samples")).longValue();
				assertThat(samples).as("samples seen by one client").isGreaterThanOrEqualTo(lastSamples);
				lastSamples = samples;
				long sampleMicros = Math.round(((Number) json.get("sampleMillis")).doubleValue() * 1000);
				SAMPLE_MICROS.accumulateAndGet(sampleMicros, Math::max);
				assertConsistent(json);
			}
		}
		return requests;
	}

	@SuppressWarnings("unchecked")
	private static void assertConsistent(Map<String, Object> report) {
		List<Map<String, Object>> groups = (List<Map<String, Object>>) report.get("groups");
		List<Map<String, Object>> suspects = (List<Map<String, Object>>) report.get("suspects");
		Set<Object> ids = new HashSet<>();
		int members = 0;
		for (Map<String, Object> group : groups) {
			ids.add(group.get("id"));
			members += ((Number) group.get("count")).intValue();
		}
		assertThat(suspects).allSatisfy((suspect) -> assertThat(ids).contains(suspect.get("id")));
		assertThat(members).isLessThanOrEqualTo(((Number) report.get("threads")).intValue());
		assertThat(groups.size()).isLessThanOrEqualTo(((Number) report.get("trackedGroups")).intValue());
		assertThat(report).doesNotContainKey("lastError");
	}

	private static double percentile(ConcurrentLinkedQueue<Long> nanos, double share) {
		List<Long> sorted = new ArrayList<>(nanos);
		Collections.sort(sorted);
		if (sorted.isEmpty()) {
			return 0;
		}
		return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(share * sorted.size()) - 1)) / 1e6;
	}

	/** A fixed number of requests per client. */
	private static final class RequestBudget implements BooleanSupplier {

		private final ThreadLocal<int[]> left;

		RequestBudget(int perClient) {
			this.left = ThreadLocal.withInitial(() -> new int[] { perClient });
		}

		@Override
		public boolean getAsBoolean() {
			return this.left.get()[0]-- > 0;
		}

	}

	/** What one run measured. */
	private record Figures(int requests, long samplesTaken, long samplesExpected, long elapsedMillis, double p50Millis,
			double p99Millis) {

		@Override
		public String toString() {
			return String.format(
					"%d requests in %.1fs (%.0f/s), latency p50 %.1fms p99 %.1fms; %d samples taken, %d "
							+ "expected at 100ms; largest report %d characters, longest sample %.1fms",
					this.requests, this.elapsedMillis / 1000.0,
					this.requests * 1000.0 / Math.max(1, this.elapsedMillis), this.p50Millis, this.p99Millis,
					this.samplesTaken, this.samplesExpected, REPORT_BYTES.get(), SAMPLE_MICROS.get() / 1000.0);
		}

	}

}
