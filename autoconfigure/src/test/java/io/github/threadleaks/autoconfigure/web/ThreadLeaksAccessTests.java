package io.github.threadleaks.autoconfigure.web;

import java.io.IOException;
import java.util.Map;

import io.github.threadleaks.autoconfigure.endpoint.ThreadLeaksEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may read what, over real HTTP with Spring Security: the endpoint follows Boot's exposure and access rules
 * and the application's security; the health details follow {@code show-details}.
 */
class ThreadLeaksAccessTests {

	private static final String EXPOSED = "management.endpoints.web.exposure.include=health,threadleaks";

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

	@SuppressWarnings("unchecked")
	private static Map<String, Object> component(Map<String, Object> health, String name) {
		return (Map<String, Object>) ((Map<String, Object>) health.get("components")).get(name);
	}

}
