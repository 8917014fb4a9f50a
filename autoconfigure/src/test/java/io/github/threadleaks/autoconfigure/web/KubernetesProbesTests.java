package io.github.threadleaks.autoconfigure.web;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.github.threadleaks.autoconfigure.TestLeak;
import io.github.threadleaks.core.ThreadLeakMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kubernetes probes over real HTTP while a leak is suspected: the liveness probe stays
 * UP, so a leak never restarts a pod in a loop, while the full health, and a readiness
 * group that includes {@code threadLeaks} as the docs show, go DOWN.
 */
class KubernetesProbesTests {

	private static final String PROBES = "management.endpoint.health.probes.enabled=true";

	private static final String READINESS_WITH_LEAKS = "management.endpoint.health.group.readiness.include=readinessState,threadLeaks";

	private final TestLeak leak = new TestLeak();

	@AfterEach
	void endLeak() {
		this.leak.close();
	}

	@Test
	void livenessStaysUpWhileALeakIsSuspected() throws IOException {
		try (RunningApplication app = RunningApplication.watching(this.leak, PROBES, READINESS_WITH_LEAKS,
				"threadleaks.sample-interval=1h")) {
			awaitFirstSample(app.context().getBean(ThreadLeakMonitor.class));
			assertThat(app.get("/actuator/health/liveness", null).status()).isEqualTo(200);
			assertThat(app.get("/actuator/health", null).status()).isEqualTo(200);

			this.leak.leakUntilSuspected();

			RunningApplication.Response liveness = app.get("/actuator/health/liveness", null);
			assertThat(liveness.status()).isEqualTo(200);
			assertThat(liveness.json()).containsEntry("status", "UP");
			RunningApplication.Response health = app.get("/actuator/health", null);
			assertThat(health.status()).isEqualTo(503);
			assertThat(health.json()).containsEntry("status", "DOWN");
			RunningApplication.Response readiness = app.get("/actuator/health/readiness", null);
			assertThat(readiness.status()).isEqualTo(503);
			assertThat(readiness.json()).containsEntry("status", "DOWN");
		}
	}

	private static void awaitFirstSample(ThreadLeakMonitor monitor) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (monitor.report().samples() == 0) {
			assertThat(System.nanoTime()).as("first sample within 30s").isLessThan(deadline);
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
		}
	}

}
