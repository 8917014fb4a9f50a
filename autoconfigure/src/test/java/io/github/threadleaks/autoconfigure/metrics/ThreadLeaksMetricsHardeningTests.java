package io.github.threadleaks.autoconfigure.metrics;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.github.threadleaks.core.StackFrame;
import io.github.threadleaks.core.ThreadCensus;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.ThreadLeaksSettings;
import io.github.threadleaks.core.ThreadSource;
import io.github.threadleaks.core.virtual.PlatformAndVirtualMonitors;
import io.github.threadleaks.junit.VerifyNoThreadLeaks;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The meters stay few under churn and hostile names, count failed samples, and survive a
 * registry that fails. A made-up thread population stands in for threads here: thousands
 * of ever-new groups per test would take minutes of real thread starts, and the engine's
 * handling of real churn is tested in core.
 */
@VerifyNoThreadLeaks
class ThreadLeaksMetricsHardeningTests {

	private final ChurningSource source = new ChurningSource();

	private final ThreadLeakMonitor monitor = new ThreadLeakMonitor(
			ThreadLeaksSettings.builder().window(5).maxGroups(100).build(), this.source, Clock.systemUTC());

	@Test
	void meterCountStaysBoundedWhileEveryGroupIsNew() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		ThreadLeaksMetrics metrics = bind(5, registry);
		int most = 0;
		for (int sample = 0; sample < 200; sample++) {
			this.source.churn(50);
			metrics.sampled(this.monitor.sample());
			most = Math.max(most, registry.getMeters().size());
		}
		// Four fixed meters and the five largest groups, though 10,000 distinct groups
		// went through.
		assertThat(this.source.serial).isEqualTo(10_000);
		assertThat(most).isEqualTo(4 + 5);
		assertThat(registry.find("threadleaks.group.threads").gauges()).hasSize(5);
	}

	@Test
	void failedSamplesAreCounted() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		bind(5, registry);
		this.source.failing = true;
		assertThatIllegalStateException().isThrownBy(this.monitor::sample);
		assertThatIllegalStateException().isThrownBy(this.monitor::sample);
		assertThat(registry.get("threadleaks.sample.failures").functionCounter().count()).isEqualTo(2.0);
		this.source.failing = false;
		this.monitor.sample();
		assertThat(registry.get("threadleaks.sample.failures").functionCounter().count()).isEqualTo(2.0);
		assertThat(registry.get("threadleaks.sample.failures").functionCounter().getId().getBaseUnit())
			.isEqualTo("failures");
	}

	@Test
	void aFailingRegistryKeepsNeitherTheSamplerNorOtherRegistriesFromGoingOn() {
		// A registry that breaks once bound stands in for a broken exporter: no real
		// registry fails on demand.
		SimpleMeterRegistry failing = new SimpleMeterRegistry() {
			@Override
			protected <T> Gauge newGauge(Meter.Id id, T obj, ToDoubleFunction<T> valueFunction) {
				if (id.getName().equals("threadleaks.group.threads")) {
					throw new IllegalStateException("exporter down");
				}
				return super.newGauge(id, obj, valueFunction);
			}
		};
		SimpleMeterRegistry healthy = new SimpleMeterRegistry();
		ThreadLeaksMetrics metrics = new ThreadLeaksMetrics(new PlatformAndVirtualMonitors(this.monitor), 5);
		metrics.bindTo(failing);
		metrics.bindTo(healthy);
		this.monitor.addListener(metrics);
		for (int sample = 0; sample < 3; sample++) {
			this.source.churn(3);
			this.monitor.sample();
		}
		assertThat(this.monitor.report().samples()).isEqualTo(3);
		assertThat(this.monitor.report().lastError()).isNull();
		assertThat(healthy.find("threadleaks.group.threads").gauges()).hasSize(3);
		assertThat(healthy.get("threadleaks.sample.duration").timer().count()).isEqualTo(3);
	}

	@Test
	void nameTagIsCutAndFreeOfControlCharacters() {
		assertThat(ThreadLeaksMetrics.name("x".repeat(10_000))).hasSize(ThreadLeaksMetrics.MAX_NAME_LENGTH);
		assertThat(ThreadLeaksMetrics.name("a\nb\u0000c\td\u007f\"e\"")).isEqualTo("a?b?c?d?\"e\"");
		assertThat(ThreadLeaksMetrics.name("名前-#-ü")).isEqualTo("名前-#-ü");
		// A cut never leaves half a surrogate pair (an emoji here) at the end.
		String emojiAcrossTheCut = "x".repeat(ThreadLeaksMetrics.MAX_NAME_LENGTH - 1) + "\uD83D\uDE00tail";
		assertThat(ThreadLeaksMetrics.name(emojiAcrossTheCut))
			.isEqualTo("x".repeat(ThreadLeaksMetrics.MAX_NAME_LENGTH - 1));
	}

	private ThreadLeaksMetrics bind(int maxGroups, SimpleMeterRegistry registry) {
		ThreadLeaksMetrics metrics = new ThreadLeaksMetrics(new PlatformAndVirtualMonitors(this.monitor), maxGroups);
		metrics.bindTo(registry);
		return metrics;
	}

	/**
	 * Each churn replaces every thread with new ones, each in a group never seen before,
	 * of varied sizes.
	 */
	private static final class ChurningSource implements ThreadSource {

		/**
		 * Far above real thread ids, so no made-up thread is mistaken for the sampling
		 * thread.
		 */
		private static final long FIRST_ID = 1_000_000_000L;

		private final List<ThreadCensus> census = new ArrayList<>();

		private final Map<Long, List<StackFrame>> stacks = new HashMap<>();

		int serial;

		private long nextId;

		volatile boolean failing;

		void churn(int groups) {
			this.census.clear();
			this.stacks.clear();
			for (int i = 0; i < groups; i++) {
				int group = this.serial++;
				for (int member = 0; member <= i % 3; member++) {
					long id = FIRST_ID + this.nextId++;
					this.census.add(new ThreadCensus(id, "churn-" + member, Thread.State.WAITING, true, null, -1, null,
							0, 0, -1));
					this.stacks.put(id, List.of(new StackFrame("com.example.Task" + group, "run", "Task.java", 1)));
				}
			}
		}

		@Override
		public List<ThreadCensus> census() {
			if (this.failing) {
				throw new IllegalStateException("census failed");
			}
			return List.copyOf(this.census);
		}

		@Override
		public Map<Long, List<StackFrame>> stacks(long[] threadIds, int maxDepth) {
			Map<Long, List<StackFrame>> answer = new HashMap<>();
			for (long id : threadIds) {
				answer.put(id, this.stacks.get(id));
			}
			return answer;
		}

	}

}
