package io.github.threadleaks.autoconfigure.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.threadleaks.core.StackGroupReport;
import io.github.threadleaks.core.ThreadLeakListener;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.ThreadLeakReport;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@link MeterBinder} for the threadleaks meters: the suspected groups and threads, the thread count of a bounded
 * set of stack groups (every suspect and the largest others), the sampler's own cost and its failures. The group
 * gauges follow each sample: a group that leaves the set, or goes away, loses its gauge.
 */
public class ThreadLeaksMetrics implements MeterBinder, ThreadLeakListener {

	/** The longest {@code name} tag value: thread names come from the application and may be long. */
	static final int MAX_NAME_LENGTH = 64;

	private static final Comparator<StackGroupReport> LARGEST_FIRST = Comparator
		.comparingInt(StackGroupReport::count)
		.reversed()
		.thenComparing(StackGroupReport::id);

	private final ThreadLeakMonitor monitor;

	private final int maxGroups;

	private final List<RegistryMeters> registries = new ArrayList<>();

	/**
	 * Meters of the given monitor.
	 * @param monitor the monitor whose reports are measured
	 * @param maxGroups how many of the largest groups get a {@code threadleaks.group.threads} gauge besides
	 * every suspect
	 */
	public ThreadLeaksMetrics(ThreadLeakMonitor monitor, int maxGroups) {
		this.monitor = monitor;
		this.maxGroups = maxGroups;
	}

	@Override
	public synchronized void bindTo(MeterRegistry registry) {
		Gauge.builder("threadleaks.suspected.groups", this.monitor, (monitor) -> monitor.report().suspects().size())
			.description("The number of stack groups suspected of leaking threads")
			.baseUnit("groups")
			.register(registry);
		Gauge.builder("threadleaks.suspected.threads", this.monitor, (monitor) -> monitor.report().suspectedThreads())
			.description("The number of threads in stack groups suspected of leaking")
			.baseUnit(BaseUnits.THREADS)
			.register(registry);
		FunctionCounter.builder("threadleaks.sample.failures", this.monitor, ThreadLeakMonitor::sampleFailures)
			.description("The number of samples that failed; sampling goes on at every interval")
			.baseUnit("failures")
			.register(registry);
		Timer sampleDuration = Timer.builder("threadleaks.sample.duration")
			.description("The time taken to sample the threads")
			.register(registry);
		RegistryMeters meters = new RegistryMeters(registry, sampleDuration);
		meters.export(exported(this.monitor.report()));
		this.registries.add(meters);
	}

	@Override
	public synchronized void sampled(ThreadLeakReport report) {
		List<StackGroupReport> exported = exported(report);
		long nanos = Math.round(report.sampleMillis() * 1_000_000);
		for (RegistryMeters meters : this.registries) {
			try {
				meters.sampleDuration.record(nanos, TimeUnit.NANOSECONDS);
				meters.export(exported);
			}
			catch (RuntimeException ex) {
				// One failing registry must keep neither the others nor the sampler from going on.
			}
		}
	}

	/** The groups with a {@code threadleaks.group.threads} gauge: every suspect and the largest others. */
	List<StackGroupReport> exported(ThreadLeakReport report) {
		Map<String, StackGroupReport> exported = new LinkedHashMap<>();
		report.suspects().forEach((group) -> exported.put(group.id(), group));
		report.groups()
			.stream()
			.sorted(LARGEST_FIRST)
			.limit(this.maxGroups)
			.forEach((group) -> exported.putIfAbsent(group.id(), group));
		return new ArrayList<>(exported.values());
	}

	static Tags tags(StackGroupReport group) {
		return Tags.of("group", group.id(), "name", name(group.name()), "state", state(group.state()));
	}

	/**
	 * The name, cut to {@value #MAX_NAME_LENGTH} characters (never between the two halves of a surrogate pair),
	 * with every control character replaced by '?'.
	 */
	static String name(String name) {
		int length = Math.min(name.length(), MAX_NAME_LENGTH);
		if (length < name.length() && Character.isHighSurrogate(name.charAt(length - 1))) {
			length--;
		}
		String cut = name.substring(0, length);
		StringBuilder clean = new StringBuilder(cut.length());
		for (int i = 0; i < cut.length(); i++) {
			char c = cut.charAt(i);
			clean.append(Character.isISOControl(c) ? '?' : c);
		}
		return clean.toString();
	}

	/** The state as Micrometer's {@code jvm.threads.states} tags it: {@code timed-waiting}. */
	static String state(Thread.State state) {
		return state.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** The meters bound to one registry. */
	private static final class RegistryMeters {

		private final MeterRegistry registry;

		private final Timer sampleDuration;

		private final Map<String, GroupGauge> groups = new HashMap<>();

		RegistryMeters(MeterRegistry registry, Timer sampleDuration) {
			this.registry = registry;
			this.sampleDuration = sampleDuration;
		}

		/** Gauges exactly the given groups: new ones are registered, departed ones removed. */
		void export(List<StackGroupReport> exported) {
			Map<String, StackGroupReport> byId = new HashMap<>();
			exported.forEach((group) -> byId.put(group.id(), group));
			Iterator<Map.Entry<String, GroupGauge>> iterator = this.groups.entrySet().iterator();
			while (iterator.hasNext()) {
				Map.Entry<String, GroupGauge> entry = iterator.next();
				if (!byId.containsKey(entry.getKey())) {
					this.registry.remove(entry.getValue().gauge());
					iterator.remove();
				}
			}
			for (StackGroupReport group : exported) {
				this.groups.computeIfAbsent(group.id(), (id) -> register(group)).count().set(group.count());
			}
		}

		private GroupGauge register(StackGroupReport group) {
			AtomicInteger count = new AtomicInteger();
			Gauge gauge = Gauge.builder("threadleaks.group.threads", count, AtomicInteger::get)
				.description("The number of threads in a stack group")
				.baseUnit(BaseUnits.THREADS)
				.tags(tags(group))
				.strongReference(true)
				.register(this.registry);
			return new GroupGauge(gauge, count);
		}

	}

	private record GroupGauge(Gauge gauge, AtomicInteger count) {
	}

}
