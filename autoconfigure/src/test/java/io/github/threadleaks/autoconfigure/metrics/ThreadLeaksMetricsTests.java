package io.github.threadleaks.autoconfigure.metrics;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.threadleaks.autoconfigure.TestLeak;
import io.github.threadleaks.core.GroupExplanation;
import io.github.threadleaks.core.LeakStatus;
import io.github.threadleaks.core.StackGroupReport;
import io.github.threadleaks.core.ThreadLeakReport;
import io.github.threadleaks.core.virtual.PlatformAndVirtualMonitors;
import io.github.threadleaks.junit.VerifyNoThreadLeaks;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The meters, read back by name and tag from a registry while a real leak grows and is
 * released.
 */
@VerifyNoThreadLeaks
class ThreadLeaksMetricsTests {

	private final TestLeak leak = new TestLeak();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@AfterEach
	void endLeak() {
		this.leak.close();
	}

	@Test
	void everyMeterHasADescriptionAndABaseUnit() {
		bind(20);
		assertThat(this.registry.getMeters()).extracting((meter) -> meter.getId().getName())
			.containsExactlyInAnyOrder("threadleaks.suspected.groups", "threadleaks.suspected.threads",
					"threadleaks.sample.duration", "threadleaks.sample.failures");
		for (Meter meter : this.registry.getMeters()) {
			assertThat(meter.getId().getDescription()).isNotBlank();
			assertThat(meter.getId().getBaseUnit()).isNotBlank();
		}
		assertThat(baseUnit("threadleaks.suspected.groups")).isEqualTo("groups");
		assertThat(baseUnit("threadleaks.suspected.threads")).isEqualTo("threads");
	}

	@Test
	void suspectedMetersFollowTheLeakAndItsRelease() {
		bind(20);
		StackGroupReport suspect = this.leak.leakUntilSuspected();
		assertThat(gauge("threadleaks.suspected.groups")).isEqualTo(1.0);
		assertThat(gauge("threadleaks.suspected.threads")).isEqualTo(3.0);
		Gauge group = this.registry.get("threadleaks.group.threads")
			.tags("group", suspect.id(), "name", TestLeak.GROUP_NAME, "state", "waiting")
			.gauge();
		assertThat(group.value()).isEqualTo(3.0);
		assertThat(group.getId().getBaseUnit()).isEqualTo("threads");
		this.leak.release();
		this.leak.sample();
		assertThat(gauge("threadleaks.suspected.groups")).isZero();
		assertThat(gauge("threadleaks.suspected.threads")).isZero();
		assertThat(this.registry.find("threadleaks.group.threads").gauges()).isEmpty();
	}

	@Test
	void suspectedGroupMarkerNamesTheSuspectOnlyWhileItIsSuspected() {
		bind(20);
		this.leak.leak(1);
		this.leak.sample();
		assertThat(this.registry.find("threadleaks.group.threads").gauges()).isNotEmpty();
		assertThat(this.registry.find("threadleaks.group.suspected").gauges()).as("before the leak is suspected")
			.isEmpty();
		StackGroupReport suspect = this.leak.leakUntilSuspected();
		Gauge marker = this.registry.get("threadleaks.group.suspected").gauge();
		assertThat(marker.getId().getTags()).isEqualTo(
				this.registry.get("threadleaks.group.threads").tag("group", suspect.id()).gauge().getId().getTags());
		assertThat(marker.value()).isEqualTo(1.0);
		assertThat(marker.getId().getDescription()).isNotBlank();
		assertThat(marker.getId().getBaseUnit()).as("unitless, so Prometheus reads threadleaks_group_suspected")
			.isNull();
		this.leak.release();
		this.leak.sample();
		assertThat(this.registry.find("threadleaks.group.suspected").gauges()).isEmpty();
	}

	@Test
	void groupGaugeFollowsTheCountAtEverySample() {
		bind(20);
		this.leak.leak(1);
		this.leak.sample();
		assertThat(gauge("threadleaks.group.threads")).isEqualTo(1.0);
		this.leak.leak(1);
		this.leak.sample();
		assertThat(gauge("threadleaks.group.threads")).isEqualTo(2.0);
	}

	@Test
	void sampleDurationRecordsEverySample() {
		bind(20);
		this.leak.sample();
		this.leak.sample();
		ThreadLeakReport last = this.leak.sample();
		Timer timer = this.registry.get("threadleaks.sample.duration").timer();
		assertThat(timer.count()).isEqualTo(3);
		assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isGreaterThanOrEqualTo(Math.round(last.sampleMillis() * 1e6));
	}

	@Test
	void bindingAfterSamplesExportsTheLatestReportAtOnce() {
		StackGroupReport suspect = this.leak.leakUntilSuspected();
		bind(20);
		assertThat(gauge("threadleaks.suspected.groups")).isEqualTo(1.0);
		assertThat(this.registry.get("threadleaks.group.threads").tag("group", suspect.id()).gauge().value())
			.isEqualTo(3.0);
	}

	@Test
	void exportsTheLargestGroupsAndEverySuspectOnly() {
		StackGroupReport suspect = group("suspect", 2, true);
		StackGroupReport large = group("large", 50, false);
		StackGroupReport medium = group("medium", 10, false);
		StackGroupReport small = group("small", 1, false);
		ThreadLeakReport report = ThreadLeakReport.builder()
			.status(LeakStatus.LEAK_SUSPECTED)
			.threads(63)
			.samples(1)
			.trackedGroups(4)
			.suspects(List.of(suspect))
			.groups(List.of(suspect, large, medium, small))
			.build();
		PlatformAndVirtualMonitors reports = new PlatformAndVirtualMonitors(this.leak.monitor());
		assertThat(new ThreadLeaksMetrics(reports, 2).exported(report)).containsExactly(suspect, large, medium);
		assertThat(new ThreadLeaksMetrics(reports, 0).exported(report)).containsExactly(suspect);
	}

	@Test
	void tagsAreBounded() {
		assertThat(ThreadLeaksMetrics.state(Thread.State.TIMED_WAITING)).isEqualTo("timed-waiting");
		assertThat(ThreadLeaksMetrics.state(Thread.State.RUNNABLE)).isEqualTo("runnable");
		assertThat(ThreadLeaksMetrics.name("pool-#-thread-#")).isEqualTo("pool-#-thread-#");
		assertThat(ThreadLeaksMetrics.name("x".repeat(500))).hasSize(ThreadLeaksMetrics.MAX_NAME_LENGTH);
	}

	private void bind(int maxGroups) {
		ThreadLeaksMetrics metrics = new ThreadLeaksMetrics(new PlatformAndVirtualMonitors(this.leak.monitor()),
				maxGroups);
		this.leak.monitor().addListener(metrics);
		metrics.bindTo(this.registry);
	}

	private String baseUnit(String name) {
		return this.registry.get(name).gauge().getId().getBaseUnit();
	}

	private double gauge(String name) {
		return this.registry.get(name).gauge().value();
	}

	private static StackGroupReport group(String id, int count, boolean suspected) {
		return new StackGroupReport(id, id + "-#", Thread.State.WAITING, count, 0, suspected, List.of(), List.of(count),
				count, 0, 0, null, null, 0, new GroupExplanation(count, "WAITING"));
	}

}
