package io.github.threadleaks.core.virtual;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.threadleaks.core.GroupDetail;
import io.github.threadleaks.core.LatestReport;
import io.github.threadleaks.core.LeakStatus;
import io.github.threadleaks.core.StackGroupReport;
import io.github.threadleaks.core.ThreadLeakListener;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.ThreadLeakReport;
import io.github.threadleaks.core.VirtualThreadsReport;
import org.jspecify.annotations.Nullable;

/**
 * The platform threads' monitor and the virtual threads' one read as one:
 * {@link #report()} lists both kinds of group with the virtual threads' status,
 * {@link #group(String)} finds either, and a listener added here hears both kinds of
 * verdict. Each monitor is still sampled at its own cadence; the combined report is made
 * again only when either side has changed, so frequent readers (gauges, an endpoint) get
 * the same instance.
 *
 * @since 0.1.0
 */
public final class PlatformAndVirtualMonitors implements LatestReport {

	private final ThreadLeakMonitor platform;

	private final @Nullable VirtualThreadMonitor virtual;

	private volatile @Nullable Combined combined;

	/** The platform threads' reports alone: no virtual threads are watched. */
	public PlatformAndVirtualMonitors(ThreadLeakMonitor platform) {
		this.platform = platform;
		this.virtual = null;
	}

	/** The platform threads' reports with the virtual threads' groups and status. */
	public PlatformAndVirtualMonitors(ThreadLeakMonitor platform, VirtualThreadMonitor virtual) {
		this.platform = platform;
		this.virtual = virtual;
	}

	/** The platform threads' monitor. */
	public ThreadLeakMonitor platform() {
		return this.platform;
	}

	/**
	 * The platform threads' latest report with the virtual threads' latest groups and
	 * status ({@link ThreadLeakReport#empty()} before the first sample).
	 */
	@Override
	public ThreadLeakReport report() {
		ThreadLeakReport own = this.platform.report();
		VirtualThreadMonitor virtualThreads = this.virtual;
		if (virtualThreads == null) {
			return own;
		}
		ThreadLeakReport virtualReport = virtualThreads.report();
		VirtualThreadsReport status = virtualThreads.status();
		Combined last = this.combined;
		// Readers (gauges, the endpoint) ask often; the lists are merged again only when
		// either side changed.
		if (last != null && last.own == own && last.virtual == virtualReport && last.status.equals(status)) {
			return last.report;
		}
		ThreadLeakReport report = combined(own, virtualReport, status);
		this.combined = new Combined(own, virtualReport, status, report);
		return report;
	}

	/**
	 * Takes one sample of the platform threads now and returns the combined report, as
	 * {@link #report()} gives it.
	 * @see ThreadLeakMonitor#sample()
	 */
	public ThreadLeakReport sample() {
		this.platform.sample();
		return report();
	}

	/**
	 * The platform threads' report with the virtual threads' groups merged in (in the
	 * same order: suspects first, then largest first), their tracked groups and untracked
	 * threads added; the thread count and sample figures stay the platform report's.
	 */
	static ThreadLeakReport combined(ThreadLeakReport own, ThreadLeakReport virtual, VirtualThreadsReport status) {
		List<StackGroupReport> allSuspects = merged(own.suspects(), virtual.suspects());
		return own.toBuilder()
			.status(allSuspects.isEmpty() ? LeakStatus.OK : LeakStatus.LEAK_SUSPECTED)
			.trackedGroups(own.trackedGroups() + virtual.trackedGroups())
			.untrackedThreads(own.untrackedThreads() + virtual.untrackedThreads())
			.suspects(allSuspects)
			.groups(merged(own.groups(), virtual.groups()))
			.virtualThreads(status)
			.build();
	}

	private static List<StackGroupReport> merged(List<StackGroupReport> first, List<StackGroupReport> second) {
		if (second.isEmpty()) {
			return first;
		}
		List<StackGroupReport> all = new ArrayList<>(first.size() + second.size());
		all.addAll(first);
		all.addAll(second);
		all.sort(StackGroupReport.REPORT_ORDER);
		return all;
	}

	/**
	 * One group of the latest samples, of platform or virtual threads, with its members,
	 * by id.
	 */
	@Override
	public Optional<GroupDetail> group(String id) {
		Optional<GroupDetail> found = this.platform.group(id);
		VirtualThreadMonitor virtualThreads = this.virtual;
		return (found.isPresent() || virtualThreads == null) ? found : virtualThreads.group(id);
	}

	/**
	 * Adds a listener of both kinds of verdict: it hears of platform and virtual groups
	 * suspected and cleared, and after each platform sample gets the combined report.
	 * Called on the sampling threads.
	 */
	public void addListener(ThreadLeakListener listener) {
		this.platform.addListener(new PlatformVerdicts(listener, this));
		VirtualThreadMonitor virtualThreads = this.virtual;
		if (virtualThreads != null) {
			virtualThreads.addListener(new VirtualVerdicts(listener));
		}
	}

	/** How many times a listener added here, or to either monitor, has thrown. */
	public long listenerFailures() {
		VirtualThreadMonitor virtualThreads = this.virtual;
		return this.platform.listenerFailures() + ((virtualThreads != null) ? virtualThreads.listenerFailures() : 0);
	}

	/**
	 * The virtual threads' verdicts only: their samples and failures are in the status,
	 * not the listener's.
	 */
	private static class VirtualVerdicts implements ThreadLeakListener {

		final ThreadLeakListener listener;

		VirtualVerdicts(ThreadLeakListener listener) {
			this.listener = listener;
		}

		@Override
		public void suspected(StackGroupReport group) {
			this.listener.suspected(group);
		}

		@Override
		public void cleared(StackGroupReport group) {
			this.listener.cleared(group);
		}

		@Override
		public String toString() {
			return this.listener.toString();
		}

	}

	/** The platform monitor's calls too, with the combined report after each sample. */
	private static final class PlatformVerdicts extends VirtualVerdicts {

		private final PlatformAndVirtualMonitors reports;

		PlatformVerdicts(ThreadLeakListener listener, PlatformAndVirtualMonitors reports) {
			super(listener);
			this.reports = reports;
		}

		@Override
		public void sampled(ThreadLeakReport report) {
			this.listener.sampled(this.reports.report());
		}

		@Override
		public void sampleFailed(Throwable failure) {
			this.listener.sampleFailed(failure);
		}

	}

	/**
	 * The latest report combined with the virtual threads' latest, and what it was made
	 * from.
	 */
	private record Combined(ThreadLeakReport own, ThreadLeakReport virtual, VirtualThreadsReport status,
			ThreadLeakReport report) {
	}

}
