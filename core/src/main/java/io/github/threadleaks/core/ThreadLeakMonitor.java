package io.github.threadleaks.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * The engine: each {@link #sample()} takes a census of the threads, groups them by stack
 * ({@link StackGrouping}), appends each group's count to its history and judges which
 * groups leak. Samples are taken one at a time; {@link #report()} and
 * {@link #group(String)} may be called from any thread at any time and never wait for a
 * sample.
 *
 * @since 0.1.0
 */
public final class ThreadLeakMonitor implements LatestReport {

	private final ThreadLeaksSettings settings;

	private final Clock clock;

	private final StackGrouping grouping;

	private final Listeners listeners = new Listeners();

	private long consecutiveFailures;

	/** When the previous sample was taken (epoch millis), or -1 before the first. */
	private long previousSampleMillis = -1;

	private final AtomicLong sampleFailures = new AtomicLong();

	private volatile Latest latest = new Latest(ThreadLeakReport.empty(), Map.of());

	/** A monitor of this JVM's platform threads on the system clock. */
	public ThreadLeakMonitor(ThreadLeaksSettings settings) {
		this(settings, new JvmThreadSource(), Clock.systemUTC());
	}

	/** A monitor of the given source on the given clock: tests drive both. */
	public ThreadLeakMonitor(ThreadLeaksSettings settings, ThreadSource source, Clock clock) {
		this(settings, source, clock, CreationSites.NONE);
	}

	/**
	 * A monitor of the given source on the given clock that reports where each group's
	 * members were started, as the given creation sites tell (the caller starts and stops
	 * them).
	 */
	public ThreadLeakMonitor(ThreadLeaksSettings settings, ThreadSource source, Clock clock,
			CreationSites creationSites) {
		this(settings, source, clock, creationSites, System::nanoTime);
	}

	/**
	 * A monitor whose stack-walk budget is measured on the given time source: tests make
	 * walks take long.
	 */
	ThreadLeakMonitor(ThreadLeaksSettings settings, ThreadSource source, Clock clock, CreationSites creationSites,
			LongSupplier nanoTime) {
		this.settings = settings;
		this.clock = clock;
		this.grouping = new StackGrouping(source, settings, creationSites, nanoTime);
	}

	public ThreadLeaksSettings settings() {
		return this.settings;
	}

	/**
	 * Adds a listener, called on the sampling thread after each sample. A listener that
	 * throws is counted in {@link #listenerFailures()} and logged at its first failure;
	 * the others hear as usual.
	 */
	public void addListener(ThreadLeakListener listener) {
		this.listeners.add(listener);
	}

	/**
	 * The report of the latest sample ({@link ThreadLeakReport#empty()} before the
	 * first).
	 */
	@Override
	public ThreadLeakReport report() {
		return this.latest.report;
	}

	/** One group of the latest sample, with its members, by id. */
	@Override
	public Optional<GroupDetail> group(String id) {
		GroupMembers members = this.latest.members.get(id);
		return (members != null) ? Optional.of(members.detail()) : Optional.empty();
	}

	/**
	 * How many samples have failed since the monitor was made: the sampler's own health.
	 */
	public long sampleFailures() {
		return this.sampleFailures.get();
	}

	/** How many times a listener has thrown since the monitor was made. */
	public long listenerFailures() {
		return this.listeners.failures();
	}

	/**
	 * Takes one sample and returns the report, as {@link #report()} gives it. The calling
	 * thread is left out of the sample. A failure is passed to the listeners and
	 * rethrown; the previous report stays the latest, with the failure as its
	 * {@link ThreadLeakReport#lastError() lastError}. In the history the sample stands
	 * for the time since the previous one, on the monitor's clock.
	 */
	public ThreadLeakReport sample() {
		return sample(null);
	}

	/**
	 * Takes one sample, as {@link #sample()} does, that stands in the history for the
	 * given time since the previous one: for samples whose clock cannot tell it, such as
	 * thread dumps read from files, timed to the second.
	 * @param since the time since the previous sample, or {@code null} for the clock's
	 */
	public synchronized ThreadLeakReport sample(@Nullable Duration since) {
		try {
			ThreadLeakReport report = takeSample((since != null) ? since.toMillis() : -1);
			this.consecutiveFailures = 0;
			return report;
		}
		catch (RuntimeException | Error ex) {
			recordFailure(ex);
			this.listeners.tell((listener) -> listener.sampleFailed(ex));
			throw ex;
		}
	}

	private void recordFailure(Throwable failure) {
		this.sampleFailures.incrementAndGet();
		this.consecutiveFailures++;
		Latest previous = this.latest;
		SampleFailure lastError = SampleFailure.of(failure, Instant.ofEpochMilli(this.clock.millis()),
				this.consecutiveFailures);
		this.latest = new Latest(previous.report.toBuilder().lastError(lastError).build(), previous.members);
	}

	private ThreadLeakReport takeSample(long givenElapsedMillis) {
		long started = System.nanoTime();
		long now = this.clock.millis();
		StackGrouping.Census census = this.grouping.update(now, StackGrouping.currentThreadId());
		long measured = elapsedSincePrevious(now);
		long elapsed = (givenElapsedMillis >= 0) ? givenElapsedMillis : measured;
		List<StackGroupReport> cleared = new ArrayList<>();
		List<TrackedGroup> newlySuspected = new ArrayList<>();
		for (TrackedGroup group : this.grouping.groups()) {
			group.record(elapsed);
			switch (this.grouping.rule().judge(group, now)) {
				case SUSPECTED -> newlySuspected.add(group);
				case CLEARED -> {
					cleared.add(this.grouping.describe(group, now));
					group.clear();
				}
				case UNCHANGED -> {
				}
			}
		}
		this.grouping.evict();
		Latest built = build(census, now, (System.nanoTime() - started) / 1e6);
		this.latest = built;
		notifyListeners(built, newlySuspected, cleared);
		return built.report;
	}

	/**
	 * The real time since the previous sample, which is what this sample stands for in
	 * the history; the configured interval for the first sample, or where the clock has
	 * not moved.
	 */
	private long elapsedSincePrevious(long now) {
		long previous = this.previousSampleMillis;
		this.previousSampleMillis = now;
		return (previous >= 0 && now > previous) ? now - previous : this.settings.sampleInterval().toMillis();
	}

	private Latest build(StackGrouping.Census census, long now, double sampleMillis) {
		Map<String, GroupMembers> members = this.grouping.describe(now);
		List<StackGroupReport> reports = StackGrouping.inReportOrder(members.values());
		List<StackGroupReport> suspects = reports.stream().filter(StackGroupReport::suspected).toList();
		ThreadTracker.Observation observation = census.observation();
		List<Long> deadlocked = new ArrayList<>(observation.deadlocked());
		Collections.sort(deadlocked);
		ThreadLeakReport report = ThreadLeakReport.builder()
			.status(suspects.isEmpty() ? LeakStatus.OK : LeakStatus.LEAK_SUSPECTED)
			.threads(observation.liveThreads())
			.samples(census.sample())
			.takenAt(Instant.ofEpochMilli(now))
			.sampleMillis(sampleMillis)
			.stacksWalked(observation.stacksWalked())
			.trackedGroups(this.grouping.groups().size())
			.untrackedThreads(census.untracked())
			.deadlockedThreads(deadlocked)
			.suspects(suspects)
			.groups(reports)
			.creationSiteTracking(this.grouping.creationSiteTracking())
			.stacksDeferred(observation.stacksDeferred())
			.build();
		return new Latest(report, members);
	}

	private void notifyListeners(Latest built, List<TrackedGroup> newlySuspected, List<StackGroupReport> cleared) {
		// Each call on its own: a listener that fails on one verdict still hears the
		// others and the sample.
		for (ThreadLeakListener listener : this.listeners.all()) {
			for (TrackedGroup group : newlySuspected) {
				GroupMembers members = built.members.get(group.id);
				if (members != null) {
					this.listeners.tell(listener, (heard) -> heard.suspected(members.group()));
				}
			}
			for (StackGroupReport report : cleared) {
				this.listeners.tell(listener, (heard) -> heard.cleared(report));
			}
			this.listeners.tell(listener, (heard) -> heard.sampled(built.report));
		}
	}

	/** The latest report and its groups' members, published together. */
	private record Latest(ThreadLeakReport report, Map<String, GroupMembers> members) {
	}

}
