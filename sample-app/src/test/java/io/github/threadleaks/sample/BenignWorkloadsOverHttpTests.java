package io.github.threadleaks.sample;

import java.util.List;
import java.util.stream.Stream;

import io.github.threadleaks.core.ThreadLeakReport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every benign workload of the sample app, run over real HTTP between samples for more
 * than a whole window: it never yields a suspect, although its threads are really there
 * (and, for the growing pool, really grow).
 */
class BenignWorkloadsOverHttpTests extends SampleAppTestSupport {

	private static final int STEPS = SampleAppTest.WINDOW + 2;

	/**
	 * A workload, the size of each call, whether it holds threads between calls, the one
	 * group they form ({@code null} where they form none, or a new group each), and
	 * whether that group grows call after call.
	 */
	record Workload(String id, int size, boolean holdsThreads, @Nullable String groupName, boolean grows) {

		@Override
		public String toString() {
			return this.id;
		}

	}

	static Stream<Workload> workloads() {
		return Stream.of(new Workload("burst-pool", 20, true, "burst-pool-#", false),
				new Workload("thread-per-task", 20, false, null, false),
				new Workload("bursty-cached-pool", 10, true, "cached-pool-#", false),
				new Workload("stable-pool", 50, true, "stable-pool-#", false),
				new Workload("growing-pool", SampleAppTest.MIN_GROWTH, true, "growing-pool-#", true),
				// Every thread a stack group of its own, new at every call: churn, never
				// growth.
				new Workload("churning-threads", 20, true, null, false),
				// Ramps up over its first calls, then levels off as tasks end; its
				// members sit still between samples,
				// but never for 3 samples in a row.
				new Workload("slow-task-burst", 4, true, "slow-task-#", false),
				// The right use of the leaks whose threads keep waking: one shared
				// scheduler, one shared wheel timer.
				new Workload("shared-scheduler", 3, true, "shared-scheduler-#", false),
				new Workload("shared-wheel-timer", 3, true, "shared-wheel-timer-#-#", false));
	}

	@Test
	void everyWorkloadOfTheAppIsCovered() {
		List<String> listed = app.get("/workloads", 200)
			.valueStream()
			.map((workload) -> workload.path("id").asString())
			.toList();
		assertThat(listed).containsExactlyInAnyOrderElementsOf(workloads().map(Workload::id).toList());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("workloads")
	void workloadIsNeverSuspected(Workload workload) {
		for (int step = 1; step <= STEPS; step++) {
			JsonNode state = app.post("/workloads/" + workload.id() + "?size=" + workload.size());
			if (workload.holdsThreads()) {
				assertThat(state.path("threads").asInt()).as("threads held after call " + step).isPositive();
			}
			else {
				assertThat(state.path("threads").asInt()).as("threads left after call " + step).isZero();
			}
			ThreadLeakReport report = app.sample();
			assertThat(report.suspects()).as("suspects after call " + step).isEmpty();
		}
		JsonNode report = app.get("/actuator/threadleaks", 200);
		assertThat(report.path("status").asString()).isEqualTo("OK");
		assertThat(app.get("/actuator/health", 200).path("components").path("threadLeaks").path("status").asString())
			.isEqualTo("UP");
		assertThat(app.suspectedGroupsMetric()).isZero();
		if (workload.groupName() != null) {
			List<JsonNode> groups = RunningSampleApp.groupsNamed(report, workload.groupName());
			assertThat(groups).as(workload.groupName() + " groups").isNotEmpty();
			if (workload.grows()) {
				// A look-alike indeed: it grew on every step by more than min-growth, and
				// is left alone.
				assertThat(groups).map((group) -> group.path("growth").asInt())
					.anySatisfy((growth) -> assertThat(growth).isGreaterThanOrEqualTo(SampleAppTest.MIN_GROWTH));
			}
		}
	}

}
