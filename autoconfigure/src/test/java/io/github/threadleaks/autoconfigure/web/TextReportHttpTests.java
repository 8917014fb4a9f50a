package io.github.threadleaks.autoconfigure.web;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.github.threadleaks.autoconfigure.TestLeak;
import io.github.threadleaks.core.StackGroupReport;
import io.github.threadleaks.core.ThreadLeakMonitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint's text form over real HTTP: asked for {@code text/plain}, both reads
 * answer the report as people read it (suspects first, the verdict in words, the frames);
 * JSON stays the default. One application for all the tests, its leak suspected once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TextReportHttpTests {

	private static final String EXPOSED = "management.endpoints.web.exposure.include=health,threadleaks";

	// The sampler's first sample at start-up, then none: the test takes the others.
	private static final String ONE_SAMPLE_AN_HOUR = "threadleaks.sample-interval=1h";

	private static final String TEXT = "text/plain";

	private final TestLeak leak = new TestLeak();

	@SuppressWarnings("NullAway.Init")
	private RunningApplication app;

	@SuppressWarnings("NullAway.Init")
	private StackGroupReport suspect;

	@BeforeAll
	void startLeakingApplication() {
		this.app = RunningApplication.watching(this.leak, EXPOSED, ONE_SAMPLE_AN_HOUR);
		this.suspect = leakUntilSuspected(this.app);
	}

	@AfterAll
	void stop() {
		this.app.close();
		this.leak.close();
	}

	@Test
	void textReportShowsTheSuspectFirstWithItsVerdictAndFrames() throws IOException {
		RunningApplication.Response text = this.app.get("/actuator/threadleaks", SecuredActuatorApplication.OPERATOR,
				TEXT);
		assertThat(text.status()).isEqualTo(200);
		assertThat(text.contentType()).startsWith("text/plain").contains("UTF-8");
		assertThat(text.body()).startsWith("LEAK_SUSPECTED: 1 of 1 stack groups suspected of leaking (3 threads); ")
			.contains("SUSPECTED 3 threads \"" + TestLeak.GROUP_NAME + "\" WAITING [group " + this.suspect.id() + "]")
			.contains("  history: ")
			.contains("  blocked at: " + this.suspect.blockedAt())
			.contains("  why: " + this.suspect.explanation())
			.contains("    java.util.concurrent.SynchronousQueue.put(");
	}

	@Test
	void textGroupListsEveryFrameAndTheMembers() throws IOException {
		RunningApplication.Response text = this.app.get("/actuator/threadleaks/" + this.suspect.id(),
				SecuredActuatorApplication.OPERATOR, TEXT);
		assertThat(text.status()).isEqualTo(200);
		assertThat(text.contentType()).startsWith("text/plain");
		assertThat(text.body()).startsWith("SUSPECTED 3 threads \"" + TestLeak.GROUP_NAME + "\"")
			.contains("  why: " + this.suspect.explanation())
			.contains("  \"" + TestLeak.THREAD_NAME_PREFIX + "1\" #")
			.contains("  \"" + TestLeak.THREAD_NAME_PREFIX + "3\" #")
			.contains(" daemon WAITING, stuck for ");
		for (String frame : this.suspect.frames()) {
			assertThat(text.body()).contains("    " + frame + "\n");
		}
		assertThat(
				this.app.get("/actuator/threadleaks/000000000000", SecuredActuatorApplication.OPERATOR, TEXT).status())
			.isEqualTo(404);
	}

	@Test
	void jsonStaysTheDefault() throws IOException {
		for (String accept : new String[] { "*/*", "application/json" }) {
			RunningApplication.Response report = this.app.get("/actuator/threadleaks",
					SecuredActuatorApplication.OPERATOR, accept);
			assertThat(report.contentType()).as(accept).contains("json");
			assertThat(report.json()).containsEntry("status", "LEAK_SUSPECTED");
			RunningApplication.Response group = this.app.get("/actuator/threadleaks/" + this.suspect.id(),
					SecuredActuatorApplication.OPERATOR, accept);
			assertThat(group.contentType()).as(accept).contains("json");
			assertThat(group.json()).containsKey("threads");
		}
		// A browser's or a plain client's default Accept header.
		assertThat(this.app.get("/actuator/threadleaks", SecuredActuatorApplication.OPERATOR).contentType())
			.contains("json");
	}

	@Test
	void textNeedsTheRoleLikeTheJson() throws IOException {
		assertThat(this.app.get("/actuator/threadleaks", null, TEXT).status()).isEqualTo(401);
		assertThat(this.app.get("/actuator/threadleaks", SecuredActuatorApplication.DEVELOPER, TEXT).status())
			.isEqualTo(403);
	}

	/** Waits for the sampler's start-up sample, then grows the leak until suspected. */
	private StackGroupReport leakUntilSuspected(RunningApplication app) {
		ThreadLeakMonitor monitor = app.context().getBean(ThreadLeakMonitor.class);
		assertThat(monitor).isSameAs(this.leak.monitor());
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (monitor.report().samples() == 0) {
			assertThat(System.nanoTime()).as("first sample within 30s").isLessThan(deadline);
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
		}
		return this.leak.leakUntilSuspected();
	}

}
