package io.github.threadleaks.autoconfigure;

import java.util.List;

import io.github.threadleaks.autoconfigure.endpoint.ThreadLeaksDescriptor;
import io.github.threadleaks.autoconfigure.endpoint.ThreadLeaksEndpoint;
import io.github.threadleaks.autoconfigure.endpoint.ThreadLeaksEndpointAutoConfiguration;
import io.github.threadleaks.autoconfigure.metrics.ThreadLeaksMetrics;
import io.github.threadleaks.autoconfigure.metrics.ThreadLeaksMetricsAutoConfiguration;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.VirtualThreadMonitor;
import io.github.threadleaks.core.VirtualThreadsReport;
import io.github.threadleaks.junit.VerifyNoThreadLeaks;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.EnabledOnJre;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The virtual threads' monitor and sampler: off by default, unavailable before JDK 21, part of every reading. */
@VerifyNoThreadLeaks
@ExtendWith(OutputCaptureExtension.class)
class VirtualThreadsAutoConfigurationTests {

	private static final String CRASH_WARNING = "crashed the JVM";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadLeaksAutoConfiguration.class,
				ThreadLeaksEndpointAutoConfiguration.class, ThreadLeaksMetricsAutoConfiguration.class))
		.withPropertyValues("threadleaks.sample-interval=1h", "threadleaks.virtual-threads.interval=1h",
				"threadleaks.virtual-threads.max-interval=1h",
				"management.endpoints.web.exposure.include=threadleaks")
		.withBean(SimpleMeterRegistry.class);

	@Test
	void offByDefaultAndSaidSoInTheReport(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(VirtualThreadMonitor.class).hasSingleBean(VirtualThreadSampler.class);
			assertThat(context.getBean(VirtualThreadSampler.class).isRunning()).isFalse();
			ThreadLeaksDescriptor report = context.getBean(ThreadLeaksEndpoint.class).report();
			assertThat(report.virtualThreads()).isNotNull();
			assertThat(report.virtualThreads().status()).isEqualTo(VirtualThreadsReport.Status.DISABLED);
			assertThat(virtualThreadMeters(context.getBean(ThreadLeaksMetrics.class))).isEmpty();
		});
		assertThat(output).doesNotContain(CRASH_WARNING);
	}

	@Test
	@EnabledOnJre(value = JRE.JAVA_17, disabledReason = "virtual threads exist from JDK 21")
	void onJdk17TurnedOnItIsUnavailableWithTheReasonAndNoError(CapturedOutput output) {
		this.contextRunner.withPropertyValues("threadleaks.virtual-threads.enabled=true").run((context) -> {
			assertThat(context).hasNotFailed();
			VirtualThreadsReport status = context.getBean(ThreadLeakMonitor.class).report().virtualThreads();
			assertThat(status.status()).isEqualTo(VirtualThreadsReport.Status.UNAVAILABLE);
			assertThat(status.reason()).startsWith("needs JDK 21+");
			assertThat(context.getBean(VirtualThreadSampler.class).isRunning()).isFalse();
			assertThat(virtualThreadMeters(context.getBean(ThreadLeaksMetrics.class))).isEmpty();
		});
		assertThat(output).doesNotContain(CRASH_WARNING);
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_25, disabledReason = "the dumps that crashed the JVM are JDK 25's")
	void onJdk25AndLaterTurnedOnItWarnsOnceThatDumpsHaveCrashedTheJvm(CapturedOutput output) {
		this.contextRunner.withPropertyValues("threadleaks.virtual-threads.enabled=true").run((context) -> {
			assertThat(context.getBean(VirtualThreadSampler.class).isRunning()).isTrue();
			context.getBean(VirtualThreadSampler.class).start();
		});
		assertThat(output.getAll().split(CRASH_WARNING, -1)).hasSize(2);
		assertThat(output).contains("JDK-8364343").contains("this JVM is " + System.getProperty("java.version"));
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads and their thread dump are JDK 21+")
	void onJdk21AndLaterTurnedOnItDumpsAndMeasures() {
		this.contextRunner.withPropertyValues("threadleaks.virtual-threads.enabled=true").run((context) -> {
			VirtualThreadMonitor virtualThreads = context.getBean(VirtualThreadMonitor.class);
			assertThat(context.getBean(VirtualThreadSampler.class).isRunning()).isTrue();
			virtualThreads.sample();
			VirtualThreadsReport status = context.getBean(ThreadLeakMonitor.class).report().virtualThreads();
			assertThat(status.status()).isEqualTo(VirtualThreadsReport.Status.AVAILABLE);
			assertThat(status.samples()).isPositive();
			assertThat(status.intervalMillis()).isEqualTo(3_600_000);
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(ThreadLeaksMetrics.class).bindTo(registry);
			assertThat(registry.get("threadleaks.virtual-threads.interval").timeGauge().value())
				.isEqualTo(3600.0);
			assertThat(registry.get("threadleaks.virtual-threads.sample.duration").timeGauge().value()).isPositive();
			assertThat(registry.get("threadleaks.virtual-threads.backed.off").gauge().value()).isZero();
			assertThat(virtualThreadMeters(context.getBean(ThreadLeaksMetrics.class))).hasSize(4);
		});
	}

	/** The names of the virtual-thread meters the given binder registers in a new registry. */
	private static List<String> virtualThreadMeters(ThreadLeaksMetrics metrics) {
		MeterRegistry registry = new SimpleMeterRegistry();
		metrics.bindTo(registry);
		return registry.getMeters()
			.stream()
			.map((meter) -> meter.getId().getName())
			.filter((name) -> name.startsWith("threadleaks.virtual-threads."))
			.toList();
	}

}
