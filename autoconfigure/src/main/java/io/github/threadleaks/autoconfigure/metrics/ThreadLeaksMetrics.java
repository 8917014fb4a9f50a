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
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

import io.github.threadleaks.core.StackGroupReport;
import io.github.threadleaks.core.ThreadLeakListener;
import io.github.threadleaks.core.ThreadLeakReport;
import io.github.threadleaks.core.VirtualThreadsReport;
import io.github.threadleaks.core.virtual.PlatformAndVirtualMonitors;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * {@link MeterBinder} for the threadleaks meters: the suspected groups and threads, the
 * thread count of a bounded set of stack groups (every suspect and the largest others), a
 * marker on each suspected group, the sampler's own cost and its failures. The group
 * gauges follow each sample: a group that leaves its set, or goes away, loses its gauge.
 *
 * @since 0.1.0
 */
public class ThreadLeaksMetrics implements MeterBinder, ThreadLeakListener {

	/**
	 * The longest {@code name} tag value: thread names come from the application and may
	 * be long.
	 */
	static final int MAX_NAME_LENGTH = 64;

	private static final Comparator<StackGroupReport> LARGEST_FIRST = Comparator.comparingInt(StackGroupReport::count)
		.reversed()
		.thenComparing(StackGroupReport::id);

	private final PlatformAndVirtualMonitors reports;

	private final int maxGroups;

	private final List<RegistryMeters> registries = new ArrayList<>();

	/**
	 * Meters of the given reports.
	 * @param reports the reports measured: the platform and virtual threads combined
	 * @param maxGroups how many of the largest groups get a
	 * {@code threadleaks.group.threads} gauge besides every suspect
	 */
	public ThreadLeaksMetrics(PlatformAndVirtualMonitors reports, int maxGroups) {
		this.reports = reports;
		this.maxGroups = maxGroups;
	}

	@Override
	public synchronized void bindTo(MeterRegistry registry) {
		Gauge.builder("threadleaks.suspected.groups", this.reports, (monitor) -> monitor.report().suspects().size())
			.description("The number of stack groups suspected of leaking threads")
			.baseUnit("groups")
			.register(registry);
		Gauge.builder("threadleaks.suspected.threads", this.reports, (monitor) -> monitor.report().suspectedThreads())
			.description("The number of threads in stack groups suspected of leaking")
			.baseUnit(BaseUnits.THREADS)
			.register(registry);
		FunctionCounter
			.builder("threadleaks.sample.failures", this.reports, (reports) -> reports.platform().sampleFailures())
			.description("The number of samples that failed; sampling goes on at every interval")
			.baseUnit("failures")
			.register(registry);
		Timer sampleDuration = Timer.builder("threadleaks.sample.duration")
			.description("The time taken to sample the threads")
			.register(registry);
		RegistryMeters meters = new RegistryMeters(registry, sampleDuration);
		ThreadLeakReport report = this.reports.report();
		if (watchesVirtualThreads(report)) {
			bindVirtualThreads(registry);
		}
		meters.export(exported(report), report.suspects());
		this.registries.add(meters);
	}

	/**
	 * Whether virtual threads are dumped here: their meters exist only then (not while
	 * off or before JDK 21).
	 */
	static boolean watchesVirtualThreads(ThreadLeakReport report) {
		VirtualThreadsReport status = report.virtualThreads();
		return status != null && status.status() == VirtualThreadsReport.Status.AVAILABLE;
	}

	/**
	 * The virtual threads' sampler: the cost of its latest listing, its interval now,
	 * whether it backs off.
	 */
	private void bindVirtualThreads(MeterRegistry registry) {
		TimeGauge
			.builder("threadleaks.virtual-threads.sample.duration", this.reports, TimeUnit.MILLISECONDS,
					(monitor) -> virtualThreads(monitor, VirtualThreadsReport::lastSampleMillis))
			.description("The time taken by the latest listing of the virtual threads")
			.register(registry);
		TimeGauge
			.builder("threadleaks.virtual-threads.interval", this.reports, TimeUnit.MILLISECONDS,
					(monitor) -> virtualThreads(monitor, VirtualThreadsReport::intervalMillis))
			.description(
					"The time between two listings of the virtual threads now; longer than configured while backed off")
			.register(registry);
		Gauge
			.builder("threadleaks.virtual-threads.backed.off", this.reports,
					(monitor) -> virtualThreads(monitor, (status) -> status.backedOff() ? 1 : 0))
			.description("1 while listings of the virtual threads take longer than their budget"
					+ " and the interval is stretched")
			.register(registry);
		Gauge
			.builder("threadleaks.virtual-threads.threads", this.reports,
					(monitor) -> virtualThreads(monitor, VirtualThreadsReport::threads))
			.description("The virtual threads held by the latest listing")
			.baseUnit(BaseUnits.THREADS)
			.register(registry);
	}

	private static double virtualThreads(PlatformAndVirtualMonitors reports,
			ToDoubleFunction<VirtualThreadsReport> value) {
		VirtualThreadsReport status = reports.report().virtualThreads();
		return (status != null) ? value.applyAsDouble(status) : Double.NaN;
	}

	@Override
	public synchronized void sampled(ThreadLeakReport report) {
		List<StackGroupReport> exported = exported(report);
		long nanos = Math.round(report.sampleMillis() * 1_000_000);
		for (RegistryMeters meters : this.registries) {
			try {
				meters.sampleDuration.record(nanos, TimeUnit.NANOSECONDS);
				meters.export(exported, report.suspects());
			}
			catch (RuntimeException ex) {
				// One failing registry must keep neither the others nor the sampler from
				// going on.
			}
		}
	}

	/**
	 * The groups with a {@code threadleaks.group.threads} gauge: every suspect and the
	 * largest others.
	 */
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
	 * The name, cut to {@value #MAX_NAME_LENGTH} characters (never between the two halves
	 * of a surrogate pair), with every control character replaced by '?'.
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

	/**
	 * The state as Micrometer's {@code jvm.threads.states} tags it:
	 * {@code timed-waiting}.
	 */
	static String state(Thread.State state) {
		return state.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** The meters bound to one registry. */
	private static final class RegistryMeters {

		private final Timer sampleDuration;

		private final GroupGauges groupThreads;

		private final GroupGauges suspectedGroups;

		RegistryMeters(MeterRegistry registry, Timer sampleDuration) {
			this.sampleDuration = sampleDuration;
			this.groupThreads = new GroupGauges(registry, "threadleaks.group.threads",
					"The number of threads in a stack group", BaseUnits.THREADS, StackGroupReport::count);
			// A marker naming exactly which groups are suspected; unitless, so Prometheus
			// adds no unit suffix.
			this.suspectedGroups = new GroupGauges(registry, "threadleaks.group.suspected",
					"1 for each stack group suspected of leaking threads; absent for the others", null, (group) -> 1);
		}

		void export(List<StackGroupReport> exported, List<StackGroupReport> suspects) {
			this.groupThreads.follow(exported);
			this.suspectedGroups.follow(suspects);
		}

	}

	/**
	 * Gauges of one name, one per group of a changing set: new groups are registered,
	 * departed ones removed.
	 */
	private static final class GroupGauges {

		private final MeterRegistry registry;

		private final String name;

		private final String description;

		private final @Nullable String baseUnit;

		private final ToIntFunction<StackGroupReport> value;

		private final Map<String, GroupGauge> gauges = new HashMap<>();

		GroupGauges(MeterRegistry registry, String name, String description, @Nullable String baseUnit,
				ToIntFunction<StackGroupReport> value) {
			this.registry = registry;
			this.name = name;
			this.description = description;
			this.baseUnit = baseUnit;
			this.value = value;
		}

		/** Gauges exactly the given groups, each at its current value. */
		void follow(List<StackGroupReport> groups) {
			Map<String, StackGroupReport> byId = new HashMap<>();
			groups.forEach((group) -> byId.put(group.id(), group));
			Iterator<Map.Entry<String, GroupGauge>> iterator = this.gauges.entrySet().iterator();
			while (iterator.hasNext()) {
				Map.Entry<String, GroupGauge> entry = iterator.next();
				if (!byId.containsKey(entry.getKey())) {
					this.registry.remove(entry.getValue().gauge());
					iterator.remove();
				}
			}
			for (StackGroupReport group : groups) {
				this.gauges.computeIfAbsent(group.id(), (id) -> register(group))
					.value()
					.set(this.value.applyAsInt(group));
			}
		}

		private GroupGauge register(StackGroupReport group) {
			AtomicInteger value = new AtomicInteger();
			Gauge gauge = Gauge.builder(this.name, value, AtomicInteger::get)
				.description(this.description)
				.baseUnit(this.baseUnit)
				.tags(tags(group))
				.strongReference(true)
				.register(this.registry);
			return new GroupGauge(gauge, value);
		}

	}

	private record GroupGauge(Gauge gauge, AtomicInteger value) {
	}

}
