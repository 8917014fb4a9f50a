package io.github.threadleaks.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.threadleaks.autoconfigure.metrics.ThreadLeaksMetricsAutoConfiguration;
import io.github.threadleaks.core.StackFrame;
import io.github.threadleaks.core.ThreadCensus;
import io.github.threadleaks.core.ThreadLeakListener;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.ThreadLeakReport;
import io.github.threadleaks.core.ThreadLeaksSettings;
import io.github.threadleaks.core.ThreadSource;
import io.github.threadleaks.core.VirtualThreadsReport;
import io.github.threadleaks.core.virtual.PlatformAndVirtualMonitors;
import io.github.threadleaks.junit.VerifyNoThreadLeaks;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configuration attaches the listeners (meters, the log of verdicts, the
 * application's own) to whichever monitor bean there is, once each, and makes the virtual
 * threads part of its reports: an application that declares its own monitor or sampler
 * keeps them all.
 */
@VerifyNoThreadLeaks
@ExtendWith(OutputCaptureExtension.class)
class ListenerWiringTests {

	// A long interval: the sampler takes one sample at start and no other during a test.
	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
		.withConfiguration(
				AutoConfigurations.of(ThreadLeaksAutoConfiguration.class, ThreadLeaksMetricsAutoConfiguration.class))
		.withPropertyValues("threadleaks.sample-interval=1h", "threadleaks.virtual-threads.enabled=false");

	@Test
	void everyListenerHearsTheAutoConfiguredMonitorOnce() {
		CountingListener listener = new CountingListener();
		this.contextRunner.withBean(ThreadLeakListener.class, () -> listener).run((context) -> {
			ThreadLeakMonitor monitor = context.getBean(ThreadLeakMonitor.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			awaitFirstSampleHeard(registry, listener);
			monitor.sample();
			assertThat(listener.sampled).hasValue(2);
			assertThat(sampleTimerCount(registry)).isEqualTo(2);
			assertThat(context.getBean(PlatformAndVirtualMonitors.class).report().virtualThreads())
				.as("virtual threads in the combined report")
				.isNotNull();
		});
	}

	@Test
	void aUserMonitorKeepsTheMetersTheLogAndTheVirtualThreads(CapturedOutput output) {
		// A source that fails as a broken JVM management interface would: the log's
		// warning is the proof it listens.
		ThreadLeakMonitor monitor = new ThreadLeakMonitor(ThreadLeaksSettings.defaults(), new FailingSource(),
				Clock.systemUTC());
		CountingListener listener = new CountingListener();
		this.contextRunner.withBean("myMonitor", ThreadLeakMonitor.class, () -> monitor)
			.withBean(ThreadLeakListener.class, () -> listener)
			.run((context) -> {
				assertThat(context).getBean(ThreadLeakMonitor.class).isSameAs(monitor);
				TestLeak.await(
						() -> output.getAll().contains("Thread leak sampling failed; retrying at every interval"),
						() -> "the log's warning of the sampler's first, failing, sample");
				TestLeak.await(() -> listener.failed.get() > 0, () -> "the listener told of the failing sample");
				assertThat(context.getBean(PlatformAndVirtualMonitors.class).report().virtualThreads()).isNotNull()
					.satisfies((status) -> assertThat(status.status()).isEqualTo(VirtualThreadsReport.Status.DISABLED));
			});
		ThreadLeakMonitor working = new ThreadLeakMonitor(
				ThreadLeaksSettings.builder().sampleInterval(Duration.ofHours(1)).build());
		this.contextRunner.withBean("myMonitor", ThreadLeakMonitor.class, () -> working).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			TestLeak.await(() -> sampleTimerCount(registry) > 0, () -> "the sampler's first sample timed");
			working.sample();
			assertThat(sampleTimerCount(registry)).isEqualTo(2);
		});
	}

	@Test
	void aUserSamplerLosesNoListener() {
		CountingListener listener = new CountingListener();
		this.contextRunner.withBean(ThreadLeakListener.class, () -> listener)
			.withUserConfiguration(UserSampler.class)
			.run((context) -> {
				assertThat(context).getBean(ThreadLeaksSampler.class).isSameAs(context.getBean("mySampler"));
				ThreadLeakMonitor monitor = context.getBean(ThreadLeakMonitor.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				awaitFirstSampleHeard(registry, listener);
				monitor.sample();
				assertThat(listener.sampled).hasValue(2);
				assertThat(sampleTimerCount(registry)).isEqualTo(2);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserSampler {

		@Bean
		ThreadLeaksSampler mySampler(ThreadLeakMonitor monitor) {
			return new ThreadLeaksSampler(monitor);
		}

	}

	/**
	 * The sampler's first sample, at start, heard by the meters and by the listener: each
	 * once.
	 */
	private static void awaitFirstSampleHeard(MeterRegistry registry, CountingListener listener) {
		TestLeak.await(() -> sampleTimerCount(registry) > 0 && listener.sampled.get() > 0,
				() -> "the sampler's first sample heard by the meters and the listener");
		assertThat(sampleTimerCount(registry)).isEqualTo(1);
		assertThat(listener.sampled).hasValue(1);
	}

	private static long sampleTimerCount(MeterRegistry registry) {
		return registry.get("threadleaks.sample.duration").timer().count();
	}

	private static final class CountingListener implements ThreadLeakListener {

		private final AtomicInteger sampled = new AtomicInteger();

		private final AtomicInteger failed = new AtomicInteger();

		@Override
		public void sampled(ThreadLeakReport report) {
			this.sampled.incrementAndGet();
		}

		@Override
		public void sampleFailed(Throwable failure) {
			this.failed.incrementAndGet();
		}

	}

	private static final class FailingSource implements ThreadSource {

		@Override
		public List<ThreadCensus> census() {
			throw new IllegalStateException("thread census unavailable");
		}

		@Override
		public Map<Long, List<StackFrame>> stacks(long[] threadIds, int maxDepth) {
			throw new IllegalStateException("stacks unavailable");
		}

	}

}
