package io.github.threadleaks.core.virtual;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.github.threadleaks.core.BackgroundTask;
import io.github.threadleaks.core.GroupDetail;
import io.github.threadleaks.core.LatestReport;
import io.github.threadleaks.core.SamplingLoop;
import io.github.threadleaks.core.ThreadLeakListener;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.ThreadLeakReport;
import io.github.threadleaks.core.ThreadLeaksSettings;
import io.github.threadleaks.core.ThreadSource;
import io.github.threadleaks.core.VirtualThreadsReport;
import org.jspecify.annotations.Nullable;

/**
 * Watches the virtual threads (JDK 21+): a {@link ThreadLeakMonitor} of its own over a
 * {@link ContainerThreadSource} (or, without the JVM option, a
 * {@link RegisteredThreadSource}, or on JDK builds verified safe a
 * {@link VirtualThreadSource}), sampled on one daemon thread named {@value #THREAD_NAME},
 * by default at the platform threads' sample interval: a steady listing walks only the
 * stacks that moved. A listing that takes longer than its budget doubles the interval (up
 * to {@code max-interval}); listings back within half the budget halve it again, down to
 * the configured interval. Where the JVM cannot list virtual threads, or watching them is
 * turned off, it reports why and samples nothing.
 *
 * @since 0.1.0
 */
public final class VirtualThreadMonitor implements BackgroundTask, LatestReport {

	/** The name of the virtual threads' sampling thread. */
	public static final String THREAD_NAME = "threadleaks-virtual-sampler";

	/**
	 * The report where nothing is sampled: one instance, so that combined reports are
	 * cached across reads.
	 */
	private static final ThreadLeakReport NOTHING_SAMPLED = ThreadLeakReport.empty();

	private final VirtualThreadSettings settings;

	private final VirtualThreadsReport.Status status;

	private final VirtualThreadsReport.@Nullable Source source;

	private final @Nullable String reason;

	private final @Nullable ThreadLeakMonitor engine;

	/** The interval while listings stay within budget. */
	private final long baseMillis;

	/** The longest the interval is stretched to. */
	private final long maxMillis;

	private volatile long intervalMillis;

	private volatile double lastSampleMillis;

	private final SamplingLoop loop = new SamplingLoop(THREAD_NAME, this::sample, () -> this.intervalMillis);

	private VirtualThreadMonitor(VirtualThreadSettings settings, Duration interval, VirtualThreadsReport.Status status,
			VirtualThreadsReport.@Nullable Source source, @Nullable String reason, @Nullable ThreadLeakMonitor engine) {
		this.settings = settings;
		this.status = status;
		this.source = source;
		this.reason = reason;
		this.engine = engine;
		this.baseMillis = interval.toMillis();
		this.maxMillis = Math.max(this.baseMillis, settings.maxInterval().toMillis());
		this.intervalMillis = this.baseMillis;
	}

	/**
	 * A monitor of this JVM's virtual threads, over the first safe source there is: the
	 * thread containers where the JVM was started with
	 * {@value ContainerThreadSource#JVM_FLAG}, else the thread dump on the JDK builds
	 * verified not to crash, else none (unavailable, with the reason and how to turn it
	 * on). Disabled where the settings say so.
	 */
	public static VirtualThreadMonitor of(ThreadLeaksSettings settings, VirtualThreadSettings virtualThreads) {
		return of(settings, virtualThreads, null);
	}

	/**
	 * A monitor of this JVM's virtual threads, over the first safe source there is: the
	 * thread containers where the JVM was started with
	 * {@value ContainerThreadSource#JVM_FLAG}, else the threads of the given registry (on
	 * JDK 21+, where a framework registers the threads it starts), else the thread dump
	 * on the JDK builds verified not to crash, else none (unavailable, with the reason
	 * and how to turn it on). Disabled where the settings say so.
	 */
	public static VirtualThreadMonitor of(ThreadLeaksSettings settings, VirtualThreadSettings virtualThreads,
			@Nullable VirtualThreadRegistry registered) {
		Duration interval = virtualThreads.intervalBeside(settings);
		if (!virtualThreads.enabled()) {
			return new VirtualThreadMonitor(virtualThreads, interval, VirtualThreadsReport.Status.DISABLED, null,
					"turned off by configuration", null);
		}
		String noContainers = ContainerThreadSource.unavailableReason();
		if (noContainers == null) {
			return new VirtualThreadMonitor(virtualThreads, VirtualThreadsReport.Source.CONTAINERS,
					"the JVM's thread containers are open to threadleaks (" + ContainerThreadSource.JVM_FLAG + ")",
					settings, ContainerThreadSource.of(settings.stackDepth(), virtualThreads.maxThreads()));
		}
		if (registered != null && Runtime.version().feature() >= 21) {
			return new VirtualThreadMonitor(virtualThreads, VirtualThreadsReport.Source.REGISTERED, noContainers
					+ ": only the virtual threads the application's framework registers while they run its requests"
					+ " and tasks are watched", settings,
					new RegisteredThreadSource(registered, settings.stackDepth()));
		}
		if (VirtualThreadSource.unavailableReason() == null && VirtualThreadSource.verifiedSafe()) {
			return new VirtualThreadMonitor(virtualThreads, VirtualThreadsReport.Source.DUMP,
					"JDK " + Runtime.version() + " is verified to dump threads safely while virtual threads run",
					settings, new VirtualThreadSource(settings.stackDepth()));
		}
		if (Runtime.version().feature() < 21) {
			return new VirtualThreadMonitor(virtualThreads, interval, VirtualThreadsReport.Status.UNAVAILABLE, null,
					noContainers, null);
		}
		String noDump = " (the thread dump is not used instead: on JDK 25.0.3 it crashed the JVM while virtual"
				+ " threads ran)";
		return new VirtualThreadMonitor(virtualThreads, interval, VirtualThreadsReport.Status.UNAVAILABLE, null,
				noContainers + noDump, null);
	}

	private VirtualThreadMonitor(VirtualThreadSettings virtualThreads, VirtualThreadsReport.Source source,
			String reason, ThreadLeaksSettings settings, ThreadSource threads) {
		this(virtualThreads, virtualThreads.intervalBeside(settings), VirtualThreadsReport.Status.AVAILABLE, source,
				reason, new ThreadLeakMonitor(settings.withSampleInterval(virtualThreads.intervalBeside(settings)),
						threads, Clock.systemUTC()));
	}

	/** A monitor of the given source on the given clock: tests drive both. */
	public VirtualThreadMonitor(ThreadLeaksSettings settings, VirtualThreadSettings virtualThreads, ThreadSource source,
			Clock clock) {
		this(virtualThreads, virtualThreads.intervalBeside(settings), VirtualThreadsReport.Status.AVAILABLE, null, null,
				new ThreadLeakMonitor(settings.withSampleInterval(virtualThreads.intervalBeside(settings)), source,
						clock));
	}

	/** Whether virtual threads are watched here. */
	public boolean isAvailable() {
		return this.engine != null;
	}

	/**
	 * The report of the latest dump: the virtual threads' groups
	 * ({@link ThreadLeakReport#empty()} before any).
	 */
	@Override
	public ThreadLeakReport report() {
		return (this.engine != null) ? this.engine.report() : NOTHING_SAMPLED;
	}

	/** One virtual-thread group of the latest dump, with its members, by id. */
	@Override
	public Optional<GroupDetail> group(String id) {
		return (this.engine != null) ? this.engine.group(id) : Optional.empty();
	}

	/** How the virtual threads are watched now. */
	public VirtualThreadsReport status() {
		ThreadLeakReport report = report();
		long interval = this.intervalMillis;
		return new VirtualThreadsReport(this.status, this.source, this.reason, interval,
				this.settings.maxSampleTime().toMillis(), this.lastSampleMillis, report.threads(), report.samples(),
				interval > this.baseMillis, report.lastError());
	}

	/**
	 * Adds a listener of the virtual threads' verdicts, called on the sampling thread.
	 */
	public void addListener(ThreadLeakListener listener) {
		if (this.engine != null) {
			this.engine.addListener(listener);
		}
	}

	/** How many times a listener of the virtual threads' verdicts has thrown. */
	public long listenerFailures() {
		return (this.engine != null) ? this.engine.listenerFailures() : 0;
	}

	/**
	 * Takes one dump, judges it and adapts the interval to what it cost. A failure is
	 * rethrown; the previous report stays, with the failure in its {@code lastError}.
	 * @throws IllegalStateException where virtual threads are not watched
	 */
	public ThreadLeakReport sample() {
		ThreadLeakMonitor monitor = this.engine;
		if (monitor == null) {
			throw new IllegalStateException("Virtual threads are not watched: " + this.reason);
		}
		long started = System.nanoTime();
		try {
			return monitor.sample();
		}
		finally {
			double millis = (System.nanoTime() - started) / 1e6;
			this.lastSampleMillis = millis;
			this.intervalMillis = nextInterval(this.intervalMillis, millis);
		}
	}

	/**
	 * The interval after a dump that took {@code sampleMillis}: doubled over budget,
	 * halved well within it.
	 */
	long nextInterval(long current, double sampleMillis) {
		long budget = this.settings.maxSampleTime().toMillis();
		if (sampleMillis > budget) {
			return Math.min(this.maxMillis, current * 2);
		}
		if (sampleMillis <= budget / 2.0) {
			return Math.max(this.baseMillis, current / 2);
		}
		return current;
	}

	/**
	 * Starts sampling on a thread of its own, the first dump at once; does nothing where
	 * unavailable or running.
	 */
	@Override
	public void start() {
		if (this.engine != null) {
			this.loop.start();
		}
	}

	@Override
	public boolean isRunning() {
		return this.loop.isRunning();
	}

	/** Stops sampling and waits up to ten seconds for a dump under way to end. */
	@Override
	public void stop() {
		this.loop.stop();
	}

}
