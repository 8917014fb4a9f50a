package io.github.threadleaks.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.github.threadleaks.autoconfigure.endpoint.ThreadLeaksDescriptor;
import io.github.threadleaks.autoconfigure.endpoint.ThreadLeaksEndpoint;
import io.github.threadleaks.autoconfigure.endpoint.ThreadLeaksEndpointAutoConfiguration;
import io.github.threadleaks.autoconfigure.metrics.ThreadLeaksMetrics;
import io.github.threadleaks.autoconfigure.metrics.ThreadLeaksMetricsAutoConfiguration;
import io.github.threadleaks.core.VirtualThreadsReport;
import io.github.threadleaks.core.virtual.PlatformAndVirtualMonitors;
import io.github.threadleaks.core.virtual.VirtualThreadMonitor;
import io.github.threadleaks.core.virtual.VirtualThreadRegistry;
import io.github.threadleaks.junit.VerifyNoThreadLeaks;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.EnabledOnJre;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The virtual threads' monitor and sampler: on by default where the thread containers are
 * open (the build opens them on JDK 21+, as an application's start command does),
 * unavailable before JDK 21, off where turned off.
 */
@VerifyNoThreadLeaks
@ExtendWith(OutputCaptureExtension.class)
class VirtualThreadsAutoConfigurationTests {

	private static final String HOW_TO_TURN_ON = "To watch them, start the JVM with";

	private final ApplicationContextRunner platformOnly = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadLeaksAutoConfiguration.class,
				ThreadLeaksEndpointAutoConfiguration.class, ThreadLeaksMetricsAutoConfiguration.class))
		.withPropertyValues("threadleaks.sample-interval=1h", "management.endpoints.web.exposure.include=threadleaks")
		.withBean(SimpleMeterRegistry.class);

	private final ApplicationContextRunner contextRunner = this.platformOnly
		.withPropertyValues("threadleaks.virtual-threads.interval=1h", "threadleaks.virtual-threads.max-interval=1h");

	@Test
	void withoutAnIntervalOfTheirOwnTheVirtualThreadsAreListedAtThePlatformSampleInterval() {
		this.platformOnly.withPropertyValues("threadleaks.sample-interval=2h").run((context) -> {
			assertThat(context).hasNotFailed();
			VirtualThreadsReport status = context.getBean(VirtualThreadMonitor.class).status();
			assertThat(status.intervalMillis()).isEqualTo(Duration.ofHours(2).toMillis());
			assertThat(status.backedOff()).isFalse();
		});
	}

	@Test
	void turnedOffItIsDisabledAndSaidSoInTheReport(CapturedOutput output) {
		this.contextRunner.withPropertyValues("threadleaks.virtual-threads.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(VirtualThreadMonitor.class).hasSingleBean(VirtualThreadSampler.class);
			assertThat(context.getBean(VirtualThreadSampler.class).isRunning()).isFalse();
			ThreadLeaksDescriptor report = context.getBean(ThreadLeaksEndpoint.class).report();
			assertThat(report.virtualThreads()).isNotNull();
			assertThat(report.virtualThreads().status()).isEqualTo(VirtualThreadsReport.Status.DISABLED);
			assertThat(report.virtualThreads().source()).isNull();
		});
		assertThat(output).doesNotContain(HOW_TO_TURN_ON);
	}

	@Test
	@EnabledOnJre(value = JRE.JAVA_17, disabledReason = "virtual threads exist from JDK 21")
	void onJdk17ItIsUnavailableWithTheReasonAndNoErrorNorAdvice(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			VirtualThreadsReport status = context.getBean(PlatformAndVirtualMonitors.class).report().virtualThreads();
			assertThat(status.status()).isEqualTo(VirtualThreadsReport.Status.UNAVAILABLE);
			assertThat(status.reason()).startsWith("needs JDK 21+");
			assertThat(context.getBean(VirtualThreadSampler.class).isRunning()).isFalse();
		});
		assertThat(output).doesNotContain(HOW_TO_TURN_ON);
	}

	@Test
	void theAdviceNamesTheFlagForJavaJarTheMavenPluginAndAContainerImage() {
		assertThat(VirtualThreadSampler.howToTurnOn("the JVM was started without it"))
			.startsWith("Virtual threads are not watched: the JVM was started without it. ")
			.contains("java --add-exports java.base/jdk.internal.vm=ALL-UNNAMED -jar app.jar")
			.contains("<jvmArguments>--add-exports java.base/jdk.internal.vm=ALL-UNNAMED</jvmArguments>")
			.contains("JAVA_TOOL_OPTIONS=\"--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED\"")
			.contains("threadleaks.virtual-threads.enabled=false");
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "the thread containers are JDK 21+")
	void onJdk21AndLaterWithTheFlagTheContainersAreListedByDefaultAndMeasured(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			VirtualThreadMonitor virtualThreads = context.getBean(VirtualThreadMonitor.class);
			assertThat(context.getBean(VirtualThreadSampler.class).isRunning()).isTrue();
			virtualThreads.sample();
			VirtualThreadsReport status = context.getBean(PlatformAndVirtualMonitors.class).report().virtualThreads();
			assertThat(status.status()).isEqualTo(VirtualThreadsReport.Status.AVAILABLE);
			assertThat(status.source()).isEqualTo(VirtualThreadsReport.Source.CONTAINERS);
			assertThat(status.samples()).isPositive();
			assertThat(status.intervalMillis()).isEqualTo(3_600_000);
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(ThreadLeaksMetrics.class).bindTo(registry);
			assertThat(registry.get("threadleaks.virtual-threads.interval").timeGauge().value()).isEqualTo(3600.0);
			assertThat(registry.get("threadleaks.virtual-threads.sample.duration").timeGauge().value()).isPositive();
			assertThat(registry.get("threadleaks.virtual-threads.backed.off").gauge().value()).isZero();
			assertThat(virtualThreadMeters(context.getBean(ThreadLeaksMetrics.class))).hasSize(4);
		});
	}

	@Test
	void withTheFlagOrBeforeJdk21NothingIsRegisteredEvenWhereSpringServesOnVirtualThreads() {
		// The build passes the flag on JDK 21+: the containers list every virtual thread,
		// so nothing registers them.
		this.contextRunner.withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
			assertThat(context).doesNotHaveBean(VirtualThreadRegistry.class)
				.doesNotHaveBean(VirtualThreadRegistrationTaskDecorator.class);
			assertThat(context.getBean(VirtualThreadMonitor.class).status().source())
				.isNotEqualTo(VirtualThreadsReport.Source.REGISTERED);
		});
	}

	@Test
	void theRegisteredSourcesAdviceSaysWhatIsWatchedAndHowToWatchEverything() {
		assertThat(VirtualThreadSampler.howToWatchAll("the JVM was started without it: only some are watched"))
			.startsWith("Virtual threads: the JVM was started without it: only some are watched. "
					+ "To watch every virtual thread, start the JVM with ")
			.contains("java --add-exports java.base/jdk.internal.vm=ALL-UNNAMED -jar app.jar")
			.contains("threadleaks.virtual-threads.enabled=false");
	}

	/**
	 * The names of the virtual-thread meters the given binder registers in a new
	 * registry.
	 */
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
