package io.github.threadleaks.autoconfigure.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.threadleaks.autoconfigure.TestLeak;
import io.github.threadleaks.core.SampleFailure;
import io.github.threadleaks.core.StackGroupReport;
import io.github.threadleaks.core.ThreadLeakReport;
import io.github.threadleaks.core.virtual.PlatformAndVirtualMonitors;
import io.github.threadleaks.junit.VerifyNoThreadLeaks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The endpoint's answers, and their JSON, for a monitor fed a real leak. */
@VerifyNoThreadLeaks
class ThreadLeaksEndpointTests {

	private final TestLeak leak = new TestLeak();

	private final ThreadLeaksEndpoint endpoint = new ThreadLeaksEndpoint(
			new PlatformAndVirtualMonitors(this.leak.monitor()));

	@AfterEach
	void endLeak() {
		this.leak.close();
	}

	@Test
	void beforeTheFirstSampleTheReportIsEmptyAndOk() {
		ThreadLeaksDescriptor report = this.endpoint.report();
		assertThat(report.status()).isEqualTo("OK");
		assertThat(report.samples()).isZero();
		assertThat(report.takenAt()).isNull();
		assertThat(report.suspects()).isEmpty();
		assertThat(report.groups()).isEmpty();
	}

	@Test
	void writeOperationTakesASampleNowAndAnswersItsReport() {
		ThreadLeaksDescriptor sampled = this.endpoint.sample();
		assertThat(sampled.samples()).isEqualTo(1);
		assertThat(sampled.takenAt()).isNotNull();
		assertThat(sampled.status()).isEqualTo("OK");
		ThreadLeaksDescriptor report = this.endpoint.report();
		assertThat(report.samples()).isEqualTo(1);
		assertThat(report.takenAt()).isEqualTo(sampled.takenAt());
	}

	@Test
	void reportListsTheLeakAsSuspect() {
		StackGroupReport suspect = this.leak.leakUntilSuspected();
		ThreadLeaksDescriptor report = this.endpoint.report();
		assertThat(report.status()).isEqualTo("LEAK_SUSPECTED");
		assertThat(report.samples()).isEqualTo(3);
		assertThat(report.takenAt()).isEqualTo("2026-01-01T00:00:03Z");
		assertThat(report.suspects()).singleElement().satisfies((group) -> {
			assertThat(group.id()).isEqualTo(suspect.id());
			assertThat(group.name()).isEqualTo(TestLeak.GROUP_NAME);
			assertThat(group.state()).isEqualTo("WAITING");
			assertThat(group.count()).isEqualTo(3);
			assertThat(group.growth()).isEqualTo(2);
			assertThat(group.suspected()).isTrue();
			assertThat(group.history()).containsExactly(1, 2, 3);
			assertThat(group.frames())
				.anyMatch((frame) -> frame.startsWith("java.util.concurrent.SynchronousQueue.put"));
			assertThat(group.evidence()).isNotNull();
			assertThat(group.explanation()).contains("suspected");
		});
		assertThat(report.groups()).extracting(StackGroupDescriptor::id).containsExactly(suspect.id());
	}

	@Test
	void groupShowsTheSuspectWithItsThreads() {
		StackGroupReport suspect = this.leak.leakUntilSuspected();
		StackGroupDetailDescriptor detail = this.endpoint.group(suspect.id());
		assertThat(detail).isNotNull();
		assertThat(detail.group().id()).isEqualTo(suspect.id());
		assertThat(detail.group().count()).isEqualTo(3);
		assertThat(detail.threads()).hasSize(3).allSatisfy((thread) -> {
			assertThat(thread.name()).startsWith(TestLeak.THREAD_NAME_PREFIX);
			assertThat(thread.state()).isEqualTo("WAITING");
			assertThat(thread.daemon()).isTrue();
			assertThat(thread.deadlocked()).isFalse();
		});
		// Longest stuck first: the first thread leaked has sat still since the first
		// sample.
		assertThat(detail.threads().get(0).name()).isEqualTo(TestLeak.THREAD_NAME_PREFIX + "1");
		assertThat(detail.threads().get(0).stuckForMillis()).isEqualTo(2000);
	}

	@Test
	void unknownGroupIsNull() {
		this.leak.leakUntilSuspected();
		assertThat(this.endpoint.group("000000000000")).isNull();
	}

	@Test
	void releasedLeakLeavesTheReport() {
		this.leak.leakUntilSuspected();
		this.leak.release();
		this.leak.sample();
		ThreadLeaksDescriptor report = this.endpoint.report();
		assertThat(report.status()).isEqualTo("OK");
		assertThat(report.suspects()).isEmpty();
		assertThat(report.groups()).isEmpty();
	}

	@Test
	@SuppressWarnings("unchecked")
	void reportJsonHasTheContractFields() {
		this.leak.leakUntilSuspected();
		Map<String, Object> json = toJson(this.endpoint.report());
		assertThat(json).containsKeys("status", "threads", "samples", "takenAt", "suspects", "groups");
		assertThat(json.get("status")).isEqualTo("LEAK_SUSPECTED");
		assertThat(Instant.parse((String) json.get("takenAt"))).isEqualTo("2026-01-01T00:00:03Z");
		Map<String, Object> group = ((List<Map<String, Object>>) json.get("groups")).get(0);
		assertThat(group).containsKeys("id", "name", "state", "count", "growth", "suspected", "frames", "history",
				"stuckForMillis", "evidence", "explanation");
		assertThat(group.get("state")).isEqualTo("WAITING");
		assertThat(group.get("history")).isEqualTo(List.of(1, 2, 3));
		assertThat((Map<String, Object>) group.get("evidence")).containsEntry("growth", 2);
	}

	@Test
	@SuppressWarnings("unchecked")
	void groupJsonIsFlatWithItsThreads() {
		StackGroupReport suspect = this.leak.leakUntilSuspected();
		Map<String, Object> json = toJson(this.endpoint.group(suspect.id()));
		assertThat(json).containsEntry("id", suspect.id())
			.containsEntry("name", TestLeak.GROUP_NAME)
			.containsEntry("state", "WAITING")
			.containsEntry("count", 3)
			.doesNotContainKey("group");
		assertThat((List<Map<String, Object>>) json.get("threads")).hasSize(3)
			.allSatisfy((thread) -> assertThat(thread).containsOnlyKeys("id", "name", "state", "daemon",
					"stuckForMillis", "deadlocked"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void lastErrorIsNullAfterAGoodSampleAndDescribesAFailedOne() {
		this.leak.sample();
		assertThat(this.endpoint.report().lastError()).isNull();
		ThreadLeakReport good = this.leak.monitor().report();
		ThreadLeakReport failed = good.toBuilder()
			.lastError(new SampleFailure("java.lang.IllegalStateException", "census failed",
					Instant.parse("2026-01-01T00:00:10Z"), 3))
			.build();
		Map<String, Object> json = toJson(ThreadLeaksDescriptor.of(failed));
		assertThat((Map<String, Object>) json.get("lastError")).containsOnly(
				Map.entry("type", "java.lang.IllegalStateException"), Map.entry("message", "census failed"),
				Map.entry("failedAt", "2026-01-01T00:00:10Z"), Map.entry("consecutiveFailures", 3));
		assertThat(json).containsEntry("samples", (int) good.samples());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> toJson(Object body) {
		JsonMapper mapper = JsonMapper.builder().build();
		return mapper.readValue(mapper.writeValueAsString(body), Map.class);
	}

}
