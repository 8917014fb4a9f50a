package io.github.threadleaks.autoconfigure.web;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.github.threadleaks.autoconfigure.endpoint.ThreadLeaksEndpoint;
import io.github.threadleaks.core.ThreadLeakMonitor;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may read what, over real HTTP with Spring Security: the endpoint follows Boot's
 * exposure and access rules and the application's security; the health details follow
 * {@code show-details}.
 */
class ThreadLeaksAccessTests {

	private static final String EXPOSED = "management.endpoints.web.exposure.include=health,threadleaks";

	// The sampler's first sample at start-up, then none while a test runs: only the POST
	// adds one.
	private static final String ONE_SAMPLE_AN_HOUR = "threadleaks.sample-interval=1h";

	private static final String DETAILS_WHEN_AUTHORIZED = "management.endpoint.health.show-details=when-authorized";

	@Test
	void endpointNeedsTheRoleAndHealthDetailsNeedASignedInUser() throws IOException {
		try (RunningApplication app = RunningApplication.start(EXPOSED, DETAILS_WHEN_AUTHORIZED)) {
			assertThat(app.get("/actuator/threadleaks", null).status()).isEqualTo(401);
			assertThat(app.get("/actuator/threadleaks", SecuredActuatorApplication.DEVELOPER).status()).isEqualTo(403);
			RunningApplication.Response report = app.get("/actuator/threadleaks", SecuredActuatorApplication.OPERATOR);
			assertThat(report.status()).isEqualTo(200);
			// The actuator leaves nulls out: no lastError while sampling succeeds.
			assertThat(report.json()).containsKeys("status", "threads", "samples", "groups")
				.doesNotContainKey("lastError");

			RunningApplication.Response anonymous = app.get("/actuator/health", null);
			assertThat(anonymous.status()).isEqualTo(200);
			assertThat(anonymous.json()).containsEntry("status", "UP").doesNotContainKeys("components", "details");
			assertThat(anonymous.body()).doesNotContain("threadLeaks", "suspects");
			RunningApplication.Response signedIn = app.get("/actuator/health", SecuredActuatorApplication.DEVELOPER);
			assertThat(signedIn.status()).isEqualTo(200);
			assertThat(component(signedIn.json(), "threadLeaks")).containsKey("details");
			assertThat(signedIn.body()).contains("\"suspects\"");
		}
	}

	@Test
	void notExposedByDefault() throws IOException {
		try (RunningApplication app = RunningApplication.start(DETAILS_WHEN_AUTHORIZED)) {
			assertThat(app.context().getBeansOfType(ThreadLeaksEndpoint.class)).isEmpty();
			assertThat(app.get("/actuator/threadleaks", SecuredActuatorApplication.OPERATOR).status()).isEqualTo(404);
			assertThat(app.get("/actuator/health", SecuredActuatorApplication.OPERATOR).status()).isEqualTo(200);
		}
	}

	@Test
	void accessNoneTakesTheEndpointAwayEvenWhenExposed() throws IOException {
		try (RunningApplication app = RunningApplication.start(EXPOSED,
				"management.endpoint.threadleaks.access=none")) {
			assertThat(app.context().getBeansOfType(ThreadLeaksEndpoint.class)).isEmpty();
			assertThat(app.get("/actuator/threadleaks", SecuredActuatorApplication.OPERATOR).status()).isEqualTo(404);
			assertThat(app.get("/actuator/threadleaks/000000000000", SecuredActuatorApplication.OPERATOR).status())
				.isEqualTo(404);
			assertThat(app.get("/actuator/health", SecuredActuatorApplication.OPERATOR).status()).isEqualTo(200);
		}
	}

	@Test
	void writeOperationIsOffUntilAccessIsUnrestricted() throws IOException {
		try (RunningApplication app = RunningApplication.start(EXPOSED, ONE_SAMPLE_AN_HOUR)) {
			long samples = afterTheFirstSample(app);
			// Read-only access maps the reads alone: a POST finds no operation for its
			// method.
			assertThat(app.post("/actuator/threadleaks", SecuredActuatorApplication.OPERATOR).status()).isEqualTo(405);
			assertThat(samples(app.get("/actuator/threadleaks", SecuredActuatorApplication.OPERATOR)))
				.isEqualTo(samples);
		}
	}

	@Test
	void unrestrictedAccessLetsTheRoleTakeASampleNow() throws IOException {
		try (RunningApplication app = RunningApplication.start(EXPOSED, ONE_SAMPLE_AN_HOUR,
				"management.endpoint.threadleaks.access=unrestricted")) {
			long samples = afterTheFirstSample(app);
			assertThat(app.post("/actuator/threadleaks", null).status()).isEqualTo(401);
			assertThat(app.post("/actuator/threadleaks", SecuredActuatorApplication.DEVELOPER).status()).isEqualTo(403);
			RunningApplication.Response sampled = app.post("/actuator/threadleaks",
					SecuredActuatorApplication.OPERATOR);
			assertThat(sampled.status()).isEqualTo(200);
			assertThat(sampled.json()).containsKeys("status", "threads", "groups", "takenAt");
			assertThat(samples(sampled)).isEqualTo(samples + 1);
		}
	}

	@Test
	void infoCarriesTheVersionStatusAndSettings() throws IOException {
		try (RunningApplication app = RunningApplication
			.start("management.endpoints.web.exposure.include=health,info,threadleaks")) {
			RunningApplication.Response info = app.get("/actuator/info", SecuredActuatorApplication.OPERATOR);
			assertThat(info.status()).isEqualTo(200);
			assertThat(info.json().get("threadleaks")).asInstanceOf(InstanceOfAssertFactories.MAP)
				.containsKeys("version", "status", "settings");
		}
	}

	/**
	 * Waits for the sampler's first sample, taken at start-up on its own thread, and
	 * returns the count.
	 */
	private static long afterTheFirstSample(RunningApplication app) throws IOException {
		ThreadLeakMonitor monitor = app.context().getBean(ThreadLeakMonitor.class);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (monitor.report().samples() == 0) {
			assertThat(System.nanoTime()).as("first sample within 30s").isLessThan(deadline);
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
		}
		return samples(app.get("/actuator/threadleaks", SecuredActuatorApplication.OPERATOR));
	}

	private static long samples(RunningApplication.Response report) {
		assertThat(report.status()).isEqualTo(200);
		return ((Number) report.json().get("samples")).longValue();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> component(Map<String, Object> health, String name) {
		return (Map<String, Object>) ((Map<String, Object>) health.get("components")).get(name);
	}

}
