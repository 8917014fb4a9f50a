package io.github.threadleaks.core.virtual;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.threadleaks.core.GroupDetail;
import io.github.threadleaks.core.SamplerThread;
import io.github.threadleaks.core.ThreadLeakListener;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.ThreadLeakReport;
import io.github.threadleaks.core.ThreadLeaksSettings;
import io.github.threadleaks.core.ThreadSource;
import org.jspecify.annotations.Nullable;

/**
 * Watches the virtual threads (JDK 21+): a {@link ThreadLeakMonitor} of its own over a {@link ContainerThreadSource}
 * (or, on JDK builds verified safe, a {@link VirtualThreadSource}), sampled on one daemon thread named
 * {@value #THREAD_NAME} at a slower cadence than the platform threads, since listing virtual threads walks every
 * stack. A listing that takes longer than its budget doubles the interval (up to
 * {@code max-interval}); listings back within half the budget halve it again, down to the configured interval. Where
 * the JVM cannot list virtual threads, or watching them is turned off, it reports why and samples nothing.
 */
public final class VirtualThreadMonitor implements AutoCloseable {

	/** The name of the virtual threads' sampling thread. */
	public static final String THREAD_NAME = "threadleaks-virtual-sampler";

	/** The report where nothing is sampled: one instance, so that combined reports are cached across reads. */
	private static final ThreadLeakReport NOTHING_SAMPLED = ThreadLeakReport.empty();

	private final VirtualThreadSettings settings;

	private final VirtualThreadsReport.Status status;

	private final VirtualThreadsReport.@Nullable Source source;

	private final @Nullable String reason;

	private final @Nullable ThreadLeakMonitor engine;

	private volatile long intervalMillis;

	private volatile double lastSampleMillis;

	private final SamplerThread thread = new SamplerThread(THREAD_NAME);

	private VirtualThreadMonitor(VirtualThreadSettings settings, VirtualThreadsReport.Status status,
			VirtualThreadsReport.@Nullable Source source, @Nullable String reason, @Nullable ThreadLeakMonitor engine) {
		this.settings = settings;
		this.status = status;
		this.source = source;
		this.reason = reason;
		this.engine = engine;
		this.intervalMillis = settings.interval().toMillis();
	}

	/**
	 * A monitor of this JVM's virtual threads, over the first safe source there is: the thread containers where
	 * the JVM was started with {@value ContainerThreadSource#JVM_FLAG}, else the thread dump on the JDK builds
	 * verified not to crash, else none (unavailable, with the reason and how to turn it on). Disabled where the
	 * settings say so.
	 */
	public static VirtualThreadMonitor of(ThreadLeaksSettings settings, VirtualThreadSettings virtualThreads) {
		if (!virtualThreads.enabled()) {
			return new VirtualThreadMonitor(virtualThreads, VirtualThreadsReport.Status.DISABLED, null,
					"turned off by configuration", null);
		}
		String noContainers = ContainerThreadSource.unavailableReason();
		if (noContainers == null) {
			return new VirtualThreadMonitor(virtualThreads, VirtualThreadsReport.Source.CONTAINERS,
					"the JVM's thread containers are open to threadleaks (" + ContainerThreadSource.JVM_FLAG + ")",
					settings, ContainerThreadSource.of(settings.stackDepth(), virtualThreads.maxThreads()));
		}
		if (VirtualThreadSource.unavailableReason() == null && VirtualThreadSource.verifiedSafe()) {
			return new VirtualThreadMonitor(virtualThreads, VirtualThreadsReport.Source.DUMP,
					"JDK " + Runtime.version() + " is verified to dump threads safely while virtual threads run",
					settings, new VirtualThreadSource(settings.stackDepth()));
		}
		if (Runtime.version().feature() < 21) {
			return new VirtualThreadMonitor(virtualThreads, VirtualThreadsReport.Status.UNAVAILABLE, null,
					noContainers, null);
		}
		return new VirtualThreadMonitor(virtualThreads, VirtualThreadsReport.Status.UNAVAILABLE, null, noContainers
				+ " (the thread dump is not used instead: on JDK 25.0.3 it crashed the JVM while virtual threads ran)",
				null);
	}

	private VirtualThreadMonitor(VirtualThreadSettings virtualThreads, VirtualThreadsReport.Source source,
			String reason, ThreadLeaksSettings settings, ThreadSource threads) {
		this(virtualThreads, VirtualThreadsReport.Status.AVAILABLE, source, reason, new ThreadLeakMonitor(
				settings.withSampleInterval(virtualThreads.interval()), threads, Clock.systemUTC()));
	}

	/** A monitor of the given source on the given clock: tests drive both. */
	public VirtualThreadMonitor(ThreadLeaksSettings settings, VirtualThreadSettings virtualThreads, ThreadSource source,
			Clock clock) {
		this(virtualThreads, VirtualThreadsReport.Status.AVAILABLE, null, null,
				new ThreadLeakMonitor(settings.withSampleInterval(virtualThreads.interval()), source, clock));
	}

	/** Whether virtual threads are watched here. */
	public boolean isAvailable() {
		return this.engine != null;
	}

	/** The report of the latest dump: the virtual threads' groups ({@link ThreadLeakReport#empty()} before any). */
	public ThreadLeakReport report() {
		return (this.engine != null) ? this.engine.report() : NOTHING_SAMPLED;
	}

	/** One virtual-thread group of the latest dump, with its members, by id. */
	public Optional<GroupDetail> group(String id) {
		return (this.engine != null) ? this.engine.group(id) : Optional.empty();
	}

	/** How the virtual threads are watched now. */
	public VirtualThreadsReport status() {
		ThreadLeakReport report = report();
		long interval = this.intervalMillis;
		return new VirtualThreadsReport(this.status, this.source, this.reason, interval, this.settings.maxSampleTime().toMillis(),
				this.lastSampleMillis, report.threads(), report.samples(),
				interval > this.settings.interval().toMillis(), report.lastError());
	}

	/** Adds a listener of the virtual threads' verdicts, called on the sampling thread. */
	public void addListener(ThreadLeakListener listener) {
		if (this.engine != null) {
			this.engine.addListener(listener);
		}
	}

	/**
	 * Takes one dump, judges it and adapts the interval to what it cost. A failure is rethrown; the previous
	 * report stays, with the failure in its {@code lastError}.
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

	/** The interval after a dump that took {@code sampleMillis}: doubled over budget, halved well within it. */
	long nextInterval(long current, double sampleMillis) {
		long budget = this.settings.maxSampleTime().toMillis();
		long base = this.settings.interval().toMillis();
		if (sampleMillis > budget) {
			return Math.min(this.settings.maxInterval().toMillis(), current * 2);
		}
		if (sampleMillis <= budget / 2.0) {
			return Math.max(base, current / 2);
		}
		return current;
	}

	/** Starts sampling on a thread of its own, the first dump at once; does nothing where unavailable or running. */
	public void start() {
		if (this.engine != null) {
			this.thread.start((executor) -> schedule(executor, 0));
		}
	}

	/** Whether sampling is running. */
	public boolean isRunning() {
		return this.thread.isRunning();
	}

	/** Stops sampling and waits up to ten seconds for a dump under way to end. */
	public void stop() {
		this.thread.stop();
	}

	@Override
	public void close() {
		stop();
	}

	// Each dump schedules the next one: the interval changes with what dumps cost.
	private void schedule(ScheduledExecutorService executor, long delayMillis) {
		try {
			executor.schedule(() -> {
				sampleQuietly();
				schedule(executor, this.intervalMillis);
			}, delayMillis, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Stopped while the dump ran: nothing more to schedule.
		}
	}

	private void sampleQuietly() {
		try {
			sample();
		}
		catch (Throwable ex) {
			// Kept in the report's lastError; anything escaping would end the schedule.
		}
	}

}
