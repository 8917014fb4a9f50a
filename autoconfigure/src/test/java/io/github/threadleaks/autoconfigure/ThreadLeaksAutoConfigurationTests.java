package io.github.threadleaks.autoconfigure;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.github.threadleaks.autoconfigure.endpoint.ThreadLeaksEndpoint;
import io.github.threadleaks.autoconfigure.endpoint.ThreadLeaksEndpointAutoConfiguration;
import io.github.threadleaks.autoconfigure.health.ThreadLeaksHealthContributorAutoConfiguration;
import io.github.threadleaks.autoconfigure.health.ThreadLeaksHealthIndicator;
import io.github.threadleaks.autoconfigure.metrics.ThreadLeaksMetrics;
import io.github.threadleaks.autoconfigure.metrics.ThreadLeaksMetricsAutoConfiguration;
import io.github.threadleaks.core.SamplingLoop;
import io.github.threadleaks.core.ThreadLeakListener;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.ThreadLeakReport;
import io.github.threadleaks.core.ThreadLeaksSettings;
import io.github.threadleaks.core.jfr.JfrVerdictEvents;
import io.github.threadleaks.core.virtual.PlatformAndVirtualMonitors;
import io.github.threadleaks.junit.VerifyNoThreadLeaks;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.context.SmartLifecycle;

import static org.assertj.core.api.Assertions.assertThat;

/** Which beans the auto-configurations contribute, and what turns each off. */
@VerifyNoThreadLeaks
class ThreadLeaksAutoConfigurationTests {

	private static final AutoConfigurations ALL = AutoConfigurations.of(ThreadLeaksAutoConfiguration.class,
			ThreadLeaksEndpointAutoConfiguration.class, ThreadLeaksHealthContributorAutoConfiguration.class,
			ThreadLeaksMetricsAutoConfiguration.class);

	// A long interval: the sampler takes one sample at start and no other during a test.
	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(ALL)
		.withPropertyValues("threadleaks.sample-interval=1h", "management.endpoints.web.exposure.include=threadleaks")
		.withBean(SimpleMeterRegistry.class);

	@Test
	void autoConfigurationsAreRegistered() {
		List<String> registered = ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader())
			.getCandidates();
		assertThat(registered).contains(ThreadLeaksAutoConfiguration.class.getName(),
				ThreadLeaksEndpointAutoConfiguration.class.getName(),
				ThreadLeaksHealthContributorAutoConfiguration.class.getName(),
				ThreadLeaksMetricsAutoConfiguration.class.getName());
	}

	@Test
	void everyFeatureIsOnByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ThreadLeaksSettings.class)
				.hasSingleBean(ThreadLeakMonitor.class)
				.hasSingleBean(ThreadLeaksSampler.class)
				.hasSingleBean(ThreadLeakLogger.class)
				.hasSingleBean(JfrVerdictEvents.class)
				.hasSingleBean(ThreadLeaksEndpoint.class)
				.hasSingleBean(ThreadLeaksHealthIndicator.class)
				.hasBean("threadLeaksHealthIndicator")
				.hasSingleBean(ThreadLeaksMetrics.class);
			assertThat(context.getBean(ThreadLeaksSampler.class).isRunning()).isTrue();
		});
	}

	@Test
	void propertiesReachTheEngine() {
		this.contextRunner
			.withPropertyValues("threadleaks.sample-interval=100ms", "threadleaks.window=5", "threadleaks.min-growth=3",
					"threadleaks.min-rise-share=0.5", "threadleaks.min-stuck-share=0.8", "threadleaks.horizons=2",
					"threadleaks.horizon-factor=4", "threadleaks.stack-depth=8", "threadleaks.max-groups=50",
					"threadleaks.ignore.thread-names=a.*,b.*", "threadleaks.ignore.top-frames=x\\.Y\\.z",
					"threadleaks.ignore.any-frames=com\\.example\\..*")
			.run((context) -> {
				ThreadLeaksSettings settings = context.getBean(ThreadLeakMonitor.class).settings();
				assertThat(settings.sampleInterval()).isEqualTo(Duration.ofMillis(100));
				assertThat(settings.window()).isEqualTo(5);
				assertThat(settings.minGrowth()).isEqualTo(3);
				assertThat(settings.minRiseShare()).isEqualTo(0.5);
				assertThat(settings.minStuckShare()).isEqualTo(0.8);
				assertThat(settings.horizons()).isEqualTo(2);
				assertThat(settings.horizonFactor()).isEqualTo(4);
				assertThat(settings.stackDepth()).isEqualTo(8);
				assertThat(settings.maxGroups()).isEqualTo(50);
				assertThat(settings.ignore().threadNames()).map(Object::toString).containsExactly("a.*", "b.*");
				assertThat(settings.ignore().topFrames()).map(Object::toString).containsExactly("x\\.Y\\.z");
				assertThat(settings.ignore().anyFrames()).map(Object::toString).containsExactly("com\\.example\\..*");
			});
	}

	@Test
	void propertyDefaultsAreTheEngineDefaults() {
		this.contextRunner.run((context) -> assertThat(context.getBean(ThreadLeaksSettings.class))
			.hasToString(ThreadLeaksSettings.defaults().toString().replace("sampleInterval=10s", "sampleInterval=1h")));
	}

	@Test
	void disabledTurnsEverythingOff() {
		this.contextRunner.withPropertyValues("threadleaks.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ThreadLeaksSettings.class)
				.doesNotHaveBean(ThreadLeakMonitor.class)
				.doesNotHaveBean(ThreadLeaksSampler.class)
				.doesNotHaveBean(ThreadLeakLogger.class)
				.doesNotHaveBean(ThreadLeaksEndpoint.class)
				.doesNotHaveBean(ThreadLeaksHealthIndicator.class)
				.doesNotHaveBean(ThreadLeaksMetrics.class));
	}

	@Test
	void endpointIsOffWhenItsAccessIsNone() {
		// As in an application, whose environment converts "none" to Access.NONE
		// leniently.
		this.contextRunner
			.withInitializer(
					(context) -> context.getEnvironment().setConversionService(new ApplicationConversionService()))
			.withPropertyValues("management.endpoint.threadleaks.access=none")
			.run(withoutOnly(ThreadLeaksEndpoint.class));
	}

	@Test
	void endpointIsOffWhenNotExposed() {
		new ApplicationContextRunner().withConfiguration(ALL)
			.withPropertyValues("threadleaks.sample-interval=1h")
			.run((context) -> assertThat(context).hasSingleBean(ThreadLeakMonitor.class)
				.doesNotHaveBean(ThreadLeaksEndpoint.class));
	}

	@Test
	void healthIsOffWhenItsIndicatorIsDisabled() {
		this.contextRunner.withPropertyValues("management.health.threadleaks.enabled=false")
			.run(withoutOnly(ThreadLeaksHealthIndicator.class));
	}

	@Test
	void healthIsOffWhenDefaultIndicatorsAreDisabled() {
		this.contextRunner.withPropertyValues("management.health.defaults.enabled=false")
			.run(withoutOnly(ThreadLeaksHealthIndicator.class));
	}

	@Test
	void metricsAreOffWithoutAMeterRegistry() {
		new ApplicationContextRunner().withConfiguration(ALL)
			.withPropertyValues("threadleaks.sample-interval=1h",
					"management.endpoints.web.exposure.include=threadleaks")
			.run(withoutOnly(ThreadLeaksMetrics.class));
	}

	@Test
	void withoutMicrometerTheRestWorks() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer"))
			.run(withoutOnly(ThreadLeaksMetrics.class));
	}

	@Test
	void withoutTheActuatorTheRestWorks() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run(withoutOnly(ThreadLeaksEndpoint.class));
	}

	@Test
	void withoutJfrTheRestWorks() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("jdk.jfr")).run(withoutOnly(JfrVerdictEvents.class));
	}

	@Test
	void withoutSpringBootHealthTheRestWorks() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.run(withoutOnly(ThreadLeaksHealthIndicator.class));
	}

	@Test
	void userSettingsWin() {
		this.contextRunner
			.withBean(ThreadLeaksSettings.class,
					() -> ThreadLeaksSettings.builder().sampleInterval(Duration.ofHours(2)).window(7).build())
			.run((context) -> assertThat(context.getBean(ThreadLeakMonitor.class).settings().window()).isEqualTo(7));
	}

	@Test
	void userMonitorWinsAndEveryFeatureUsesIt() {
		ThreadLeakMonitor monitor = new ThreadLeakMonitor(
				ThreadLeaksSettings.builder().sampleInterval(Duration.ofHours(1)).build());
		this.contextRunner.withBean("myMonitor", ThreadLeakMonitor.class, () -> monitor).run((context) -> {
			assertThat(context).getBean(ThreadLeakMonitor.class).isSameAs(monitor);
			TestLeak.await(() -> monitor.report().samples() > 0, () -> "the sampler's first sample");
			monitor.sample();
			long samples = monitor.report().samples();
			assertThat(context.getBean(ThreadLeaksEndpoint.class).report().samples()).isEqualTo(samples);
		});
	}

	@Test
	void userBeansWin() {
		HealthIndicator health = () -> Health.up().build();
		this.contextRunner
			.withBean(ThreadLeaksEndpoint.class,
					() -> new ThreadLeaksEndpoint(new PlatformAndVirtualMonitors(monitor())))
			.withBean("threadLeaksHealthIndicator", HealthIndicator.class, () -> health)
			.withBean(ThreadLeaksMetrics.class,
					() -> new ThreadLeaksMetrics(new PlatformAndVirtualMonitors(monitor()), 1))
			.withBean(ThreadLeakLogger.class, ThreadLeakLogger::new)
			.withBean(ThreadLeaksSampler.class, () -> new ThreadLeaksSampler(monitor()))
			.run((context) -> {
				ThreadLeakMonitor autoConfigured = context.getBean(ThreadLeakMonitor.class);
				assertThat(context).hasSingleBean(ThreadLeaksEndpoint.class)
					.hasSingleBean(ThreadLeaksMetrics.class)
					.hasSingleBean(ThreadLeakLogger.class)
					.hasSingleBean(ThreadLeaksSampler.class)
					.doesNotHaveBean(ThreadLeaksHealthIndicator.class);
				assertThat(context.getBean("threadLeaksHealthIndicator")).isSameAs(health);
				// The user's endpoint reads its own monitor, not the auto-configured one.
				autoConfigured.sample();
				assertThat(context.getBean(ThreadLeaksEndpoint.class).report().samples()).isZero();
			});
	}

	@Test
	void listenerBeansHearTheMonitor() {
		List<ThreadLeakReport> heard = new CopyOnWriteArrayList<>();
		ThreadLeakListener listener = new ThreadLeakListener() {

			@Override
			public void sampled(ThreadLeakReport report) {
				heard.add(report);
			}

		};
		this.contextRunner.withBean(ThreadLeakListener.class, () -> listener).run((context) -> {
			ThreadLeakReport report = context.getBean(PlatformAndVirtualMonitors.class).sample();
			assertThat(heard).contains(report);
		});
	}

	@Test
	void metricsAreBoundToTheApplicationsRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
			.withConfiguration(ALL)
			.withPropertyValues("threadleaks.sample-interval=1h")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				context.getBean(ThreadLeakMonitor.class).sample();
				assertThat(registry.get("threadleaks.suspected.groups").gauge().value()).isZero();
				assertThat(registry.get("threadleaks.sample.duration").timer().count()).isPositive();
				assertThat(registry.find("threadleaks.group.threads").gauges()).isNotEmpty()
					.hasSizeLessThanOrEqualTo(20);
			});
	}

	@Test
	void aShortIntervalIsAccepted() {
		this.contextRunner.withPropertyValues("threadleaks.sample-interval=100ms")
			.run((context) -> assertThat(context.getBean(ThreadLeakMonitor.class).settings().sampleInterval())
				.isEqualTo(Duration.ofMillis(100)));
	}

	@Test
	void creationSitesStartBeforeTheSamplersAndStopAfterThem() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(ThreadLeaksCreationSites.class).getPhase()).isEqualTo(Integer.MIN_VALUE);
			assertThat(context.getBean(ThreadLeaksSampler.class).getPhase()).isEqualTo(SmartLifecycle.DEFAULT_PHASE);
			assertThat(context.getBean(VirtualThreadSampler.class).getPhase()).isEqualTo(SmartLifecycle.DEFAULT_PHASE);
			assertThat(context.getBean(ThreadLeaksCreationSites.class).isRunning()).isTrue();
			assertThat(context.getBean(ThreadLeaksSampler.class).isRunning()).isTrue();
		});
	}

	@Test
	void closingTheContextEndsTheSamplerThread() throws InterruptedException {
		Set<Thread> before = samplerThreads();
		AtomicReference<Set<Thread>> started = new AtomicReference<>();
		this.contextRunner.run((context) -> {
			Set<Thread> threads = samplerThreads();
			threads.removeAll(before);
			started.set(threads);
			assertThat(threads).singleElement().satisfies((thread) -> assertThat(thread.isDaemon()).isTrue());
		});
		for (Thread thread : started.get()) {
			thread.join(Duration.ofSeconds(10).toMillis());
		}
		assertThat(started.get()).noneMatch(Thread::isAlive);
		assertThat(samplerThreads()).doesNotContainAnyElementsOf(started.get());
	}

	private static Set<Thread> samplerThreads() {
		Set<Thread> threads = new HashSet<>();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.getName().equals(SamplingLoop.THREAD_NAME)) {
				threads.add(thread);
			}
		}
		return threads;
	}

	private static ThreadLeakMonitor monitor() {
		return new ThreadLeakMonitor(ThreadLeaksSettings.defaults());
	}

	/** Asserts that the context started with every threadleaks bean but the given one. */
	private static ContextConsumer<AssertableApplicationContext> withoutOnly(Class<?> absent) {
		return (context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(absent);
			for (Class<?> type : List.of(ThreadLeakMonitor.class, ThreadLeaksSampler.class, ThreadLeakLogger.class,
					JfrVerdictEvents.class, ThreadLeaksEndpoint.class, ThreadLeaksHealthIndicator.class,
					ThreadLeaksMetrics.class)) {
				if (type != absent) {
					assertThat(context).hasSingleBean(type);
				}
			}
		};
	}

}
