package io.github.threadleaks.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.github.threadleaks.autoconfigure.endpoint.StackGroupDescriptor;
import io.github.threadleaks.autoconfigure.endpoint.ThreadLeaksDescriptor;
import io.github.threadleaks.autoconfigure.endpoint.ThreadLeaksEndpoint;
import io.github.threadleaks.autoconfigure.endpoint.ThreadLeaksEndpointAutoConfiguration;
import io.github.threadleaks.autoconfigure.health.ThreadLeaksHealthContributorAutoConfiguration;
import io.github.threadleaks.autoconfigure.health.ThreadLeaksHealthIndicator;
import io.github.threadleaks.autoconfigure.metrics.CreationSiteMetrics;
import io.github.threadleaks.autoconfigure.metrics.ThreadLeaksMetricsAutoConfiguration;
import io.github.threadleaks.core.CreationSiteTracking;
import io.github.threadleaks.core.CreationSites;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.ThreadOrigin;
import io.github.threadleaks.core.creation.CreationSiteTracker;
import io.github.threadleaks.junit.VerifyNoThreadLeaks;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import jdk.jfr.FlightRecorder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creation-site tracking in an application: on by default, in the report, health and
 * meters, gone with the context.
 */
@VerifyNoThreadLeaks
class CreationSiteAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
		.withConfiguration(
				AutoConfigurations.of(ThreadLeaksAutoConfiguration.class, ThreadLeaksEndpointAutoConfiguration.class,
						ThreadLeaksHealthContributorAutoConfiguration.class, ThreadLeaksMetricsAutoConfiguration.class))
		// One sample at start and none after: the test takes the samples that matter.
		// Tiny thresholds: a leak of
		// four threads sampled four times is suspected.
		.withPropertyValues("threadleaks.sample-interval=1h", "threadleaks.window=3", "threadleaks.min-growth=2",
				"management.endpoints.web.exposure.include=threadleaks");

	private final CountDownLatch release = new CountDownLatch(1);

	@Test
	void onByDefaultItNamesTheMethodThatStartedALeakInTheReportAndHealth() {
		this.contextRunner.run((context) -> {
			ThreadLeaksCreationSites creationSites = context.getBean(ThreadLeaksCreationSites.class);
			assertThat(creationSites.isRunning()).isTrue();
			ThreadLeakMonitor monitor = context.getBean(ThreadLeakMonitor.class);
			List<Thread> leaked = new ArrayList<>();
			try {
				for (int i = 0; i < 4; i++) {
					leaked.add(startLeakedThread(i));
					monitor.sample();
				}
				assertThat(creationSites.awaitCatchUp(Duration.ofSeconds(30))).isTrue();
				monitor.sample();

				ThreadLeaksDescriptor report = context.getBean(ThreadLeaksEndpoint.class).report();
				assertThat(report.creationSiteTracking().state()).isEqualTo(CreationSiteTracking.State.TRACKING);
				StackGroupDescriptor suspect = report.suspects()
					.stream()
					.filter((group) -> group.name().equals("created-by-test-#"))
					.findFirst()
					.orElseThrow();
				assertThat(suspect.creationSites()).singleElement().satisfies((site) -> {
					assertThat(site.site()).startsWith(getClass().getName() + ".startLeakedThread(line ");
					assertThat(site.threads()).isEqualTo(4);
				});
				Health health = context.getBean(ThreadLeaksHealthIndicator.class).health();
				@SuppressWarnings("unchecked")
				List<Map<String, Object>> suspects = (List<Map<String, Object>>) health.getDetails().get("suspects");
				assertThat(suspects).anySatisfy((details) -> assertThat((String) details.get("createdBy"))
					.startsWith(getClass().getName() + ".startLeakedThread(line "));
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("threadleaks.creation-site.handling").functionTimer().count())
					.isGreaterThanOrEqualTo(4);
				assertThat(registry.get("threadleaks.creation-site.threads").gauge().value()).isGreaterThanOrEqualTo(4);
				assertThat(registry.get("threadleaks.creation-site.forgotten").functionCounter().count()).isZero();
			}
			finally {
				this.release.countDown();
				for (Thread thread : leaked) {
					thread.join(10_000);
				}
			}
		});
	}

	@Test
	void closingTheContextEndsItsThreadAndItsRecording() {
		// @VerifyNoThreadLeaks runs a reader of the same name for the whole test run:
		// count, do not just look.
		long readersBefore = readers();
		int recordingsBefore = FlightRecorder.getFlightRecorder().getRecordings().size();
		ThreadLeaksCreationSites[] tracker = new ThreadLeaksCreationSites[1];
		this.contextRunner.run((context) -> {
			tracker[0] = context.getBean(ThreadLeaksCreationSites.class);
			assertThat(FlightRecorder.getFlightRecorder().getRecordings()).hasSize(recordingsBefore + 1);
			assertThat(readers()).isEqualTo(readersBefore + 1);
		});
		assertThat(tracker[0].isRunning()).isFalse();
		assertThat(tracker[0].tracking().state()).isEqualTo(CreationSiteTracking.State.STOPPED);
		assertThat(FlightRecorder.getFlightRecorder().getRecordings()).hasSize(recordingsBefore);
		assertThat(readers()).isEqualTo(readersBefore);
	}

	private static long readers() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals(CreationSiteTracker.THREAD_NAME))
			.count();
	}

	@Test
	void aPropertyTurnsItOff() {
		this.contextRunner.withPropertyValues("threadleaks.creation-site.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ThreadLeaksCreationSites.class)
				.doesNotHaveBean(CreationSiteMetrics.class)
				.hasSingleBean(ThreadLeakMonitor.class);
			assertThat(context.getBean(ThreadLeakMonitor.class).report().creationSiteTracking())
				.isEqualTo(CreationSiteTracking.OFF);
		});
	}

	/**
	 * A JVM without JFR cannot be had on demand here, so a {@link CreationSites} of the
	 * application's own stands in for a tracker whose recording could not start: it
	 * replaces the tracker, and its state reaches the report and the meters while
	 * sampling, the health and the endpoint work as ever.
	 */
	@Test
	void creationSitesOfTheApplicationsOwnReplaceTheTrackerAndUnavailableIsReportedWhileTheRestWorks() {
		CreationSites unavailable = new CreationSites() {

			@Override
			public ThreadOrigin originOf(long threadId) {
				return ThreadOrigin.UNTRACKED;
			}

			@Override
			public CreationSiteTracking tracking() {
				return CreationSiteTracking.unavailable("no JFR in this runtime");
			}

		};
		this.contextRunner.withBean(CreationSites.class, () -> unavailable).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(ThreadLeaksCreationSites.class);
			context.getBean(ThreadLeakMonitor.class).sample();
			ThreadLeaksDescriptor report = context.getBean(ThreadLeaksEndpoint.class).report();
			assertThat(report.samples()).isPositive();
			assertThat(report.creationSiteTracking().state()).isEqualTo(CreationSiteTracking.State.UNAVAILABLE);
			assertThat(report.creationSiteTracking().reason()).isEqualTo("no JFR in this runtime");
			assertThat(report.groups()).isNotEmpty().allSatisfy((group) -> assertThat(group.creationSites()).isEmpty());
			assertThat(context.getBean(ThreadLeaksHealthIndicator.class).health().getStatus().getCode())
				.isEqualTo("UP");
			assertThat(context.getBean(MeterRegistry.class).get("threadleaks.creation-site.threads").gauge().value())
				.isZero();
		});
	}

	@Test
	void maxThreadsOutOfRangeFailsStartUpNamingTheProperty() {
		this.contextRunner.withPropertyValues("threadleaks.creation-site.max-threads=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("threadleaks.creation-site.max-threads")
				.hasMessageContaining("Must be between 1 and 10000000."));
	}

	@Test
	void metersSayWhatTheyMeasure() {
		this.contextRunner.run((context) -> {
			FunctionTimer handling = context.getBean(MeterRegistry.class)
				.get("threadleaks.creation-site.handling")
				.functionTimer();
			assertThat(handling.getId().getDescription()).contains("Thread start events");
		});
	}

	private Thread startLeakedThread(int index) {
		Thread thread = new Thread(() -> {
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "created-by-test-" + index);
		thread.setDaemon(true);
		thread.start();
		TestLeak.await(() -> thread.getState() == Thread.State.WAITING, () -> thread.getName() + " to wait");
		return thread;
	}

}
