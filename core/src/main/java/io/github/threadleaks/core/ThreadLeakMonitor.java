package io.github.threadleaks.core;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.github.threadleaks.core.virtual.VirtualThreadMonitor;
import io.github.threadleaks.core.virtual.VirtualThreadsReport;
import org.jspecify.annotations.Nullable;

/**
 * The engine: each {@link #sample()} takes a census of the threads, groups them by stack, appends each group's
 * count to its history and judges which groups leak. Samples are taken one at a time; {@link #report()} and
 * {@link #group(String)} may be called from any thread at any time and never wait for a sample.
 */
public final class ThreadLeakMonitor {

	private static final Comparator<TrackedGroup> EVICTION_ORDER = Comparator
		.comparing(TrackedGroup::suspected)
		.thenComparing((group) -> group.count() > 0)
		.thenComparingInt(TrackedGroup::count)
		.thenComparingLong((group) -> group.lastSeenSample);

	private final ThreadLeaksSettings settings;

	private final Clock clock;

	private final ThreadTracker tracker;

	private final GrowthDetector detector;

	private final CreationSites creationSites;

	private final Map<GroupKey, TrackedGroup> groups = new HashMap<>();

	private final SharedFrames sharedFrames = new SharedFrames();

	private final List<ThreadLeakListener> listeners = new CopyOnWriteArrayList<>();

	private long samples;

	private long consecutiveFailures;

	private final AtomicLong sampleFailures = new AtomicLong();

	private volatile Latest latest = new Latest(ThreadLeakReport.empty(), Map.of());

	private volatile @Nullable VirtualThreadMonitor virtualThreads;

	private volatile @Nullable Combined combined;

	/** A monitor of this JVM's platform threads on the system clock. */
	public ThreadLeakMonitor(ThreadLeaksSettings settings) {
		this(settings, new JvmThreadSource(), Clock.systemUTC());
	}

	/** A monitor of the given source on the given clock: tests drive both. */
	public ThreadLeakMonitor(ThreadLeaksSettings settings, ThreadSource source, Clock clock) {
		this(settings, source, clock, CreationSites.NONE);
	}

	/**
	 * A monitor of the given source on the given clock that reports where each group's members were started, as
	 * the given creation sites tell (the caller starts and stops them).
	 */
	public ThreadLeakMonitor(ThreadLeaksSettings settings, ThreadSource source, Clock clock,
			CreationSites creationSites) {
		this(settings, source, clock, creationSites, System::nanoTime);
	}

	/** A monitor whose stack-walk budget is measured on the given time source: tests make walks take long. */
	ThreadLeakMonitor(ThreadLeaksSettings settings, ThreadSource source, Clock clock, CreationSites creationSites,
			LongSupplier nanoTime) {
		this.settings = settings;
		this.clock = clock;
		this.tracker = new ThreadTracker(source, settings, nanoTime);
		this.detector = new GrowthDetector(settings);
		this.creationSites = creationSites;
	}

	public ThreadLeaksSettings settings() {
		return this.settings;
	}

	/** Adds a listener, called on the sampling thread after each sample. */
	public void addListener(ThreadLeakListener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Makes the virtual threads' groups part of this monitor's reports, groups and verdicts: {@link #report()} and
	 * {@link #group(String)} answer for both kinds of thread, and this monitor's listeners hear of virtual groups
	 * suspected and cleared. The virtual threads are still sampled by their own monitor, at their own cadence.
	 */
	public void include(VirtualThreadMonitor virtualThreads) {
		this.virtualThreads = virtualThreads;
		virtualThreads.addListener(new ThreadLeakListener() {

			@Override
			public void suspected(StackGroupReport group) {
				ThreadLeakMonitor.this.listeners.forEach((listener) -> notifySafely(() -> listener.suspected(group)));
			}

			@Override
			public void cleared(StackGroupReport group) {
				ThreadLeakMonitor.this.listeners.forEach((listener) -> notifySafely(() -> listener.cleared(group)));
			}

		});
	}

	/**
	 * The report of the latest sample ({@link ThreadLeakReport#empty()} before the first), with the latest virtual
	 * threads' groups where they are {@link #include included}.
	 */
	public ThreadLeakReport report() {
		ThreadLeakReport own = this.latest.report;
		VirtualThreadMonitor virtual = this.virtualThreads;
		if (virtual == null) {
			return own;
		}
		ThreadLeakReport virtualReport = virtual.report();
		VirtualThreadsReport status = virtual.status();
		Combined last = this.combined;
		// Readers (gauges, the endpoint) ask often; the lists are merged again only when either side changed.
		if (last != null && last.own == own && last.virtual == virtualReport && last.status.equals(status)) {
			return last.report;
		}
		ThreadLeakReport report = own.combinedWith(virtualReport, status);
		this.combined = new Combined(own, virtualReport, status, report);
		return report;
	}

	/** One group of the latest sample (platform or included virtual threads), with its members, by id. */
	public Optional<GroupDetail> group(String id) {
		Members members = this.latest.members.get(id);
		if (members != null) {
			return Optional.of(members.detail());
		}
		VirtualThreadMonitor virtual = this.virtualThreads;
		return (virtual != null) ? virtual.group(id) : Optional.empty();
	}

	/** How many samples have failed since the monitor was made: the sampler's own health. */
	public long sampleFailures() {
		return this.sampleFailures.get();
	}

	/**
	 * Takes one sample and returns the report, as {@link #report()} gives it. The calling thread is left out of the
	 * sample. A failure is passed to the listeners and rethrown; the previous report stays the latest, with the
	 * failure as its {@link ThreadLeakReport#lastError() lastError}.
	 */
	public synchronized ThreadLeakReport sample() {
		try {
			ThreadLeakReport report = takeSample();
			this.consecutiveFailures = 0;
			return report;
		}
		catch (RuntimeException | Error ex) {
			recordFailure(ex);
			for (ThreadLeakListener listener : this.listeners) {
				notifySafely(() -> listener.sampleFailed(ex));
			}
			throw ex;
		}
	}

	private void recordFailure(Throwable failure) {
		this.sampleFailures.incrementAndGet();
		this.consecutiveFailures++;
		Latest previous = this.latest;
		SampleFailure lastError = SampleFailure.of(failure, Instant.ofEpochMilli(this.clock.millis()),
				this.consecutiveFailures);
		this.latest = new Latest(previous.report.withLastError(lastError), previous.members);
	}

	private ThreadLeakReport takeSample() {
		long started = System.nanoTime();
		long now = this.clock.millis();
		@SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; this code runs on 17.
		long self = Thread.currentThread().getId();
		ThreadTracker.Observation observation = this.tracker.observe(now, self);
		long sample = ++this.samples;
		int untracked = assignMembers(observation);
		List<StackGroupReport> cleared = new ArrayList<>();
		List<TrackedGroup> newlySuspected = new ArrayList<>();
		for (TrackedGroup group : this.groups.values()) {
			group.close(sample);
			judge(group, now, newlySuspected, cleared);
		}
		evict();
		Latest built = build(observation, sample, now, (System.nanoTime() - started) / 1e6, untracked);
		this.latest = built;
		// Listeners and the caller get what report() gives: with the included virtual threads' groups.
		ThreadLeakReport report = report();
		notifyListeners(built, report, newlySuspected, cleared);
		return report;
	}

	/** Puts every tracked thread into its group, admitting new groups while {@code max-groups} allows. */
	private int assignMembers(ThreadTracker.Observation observation) {
		for (TrackedGroup group : this.groups.values()) {
			group.reset();
		}
		Map<GroupKey, List<TrackedThread>> newcomers = new HashMap<>();
		for (TrackedThread thread : observation.threads()) {
			GroupKey key = thread.key;
			if (key == null) {
				continue;
			}
			TrackedGroup group = this.groups.get(key);
			if (group != null) {
				// Share one key instance per group, so later lookups compare by identity, not frame by frame.
				thread.key = group.key;
				group.join(thread);
			}
			else {
				newcomers.computeIfAbsent(key, (k) -> new ArrayList<>()).add(thread);
			}
		}
		return admit(newcomers);
	}

	/** Admits new groups, largest first, up to {@code max-groups} beyond which eviction will trim. */
	private int admit(Map<GroupKey, List<TrackedThread>> newcomers) {
		List<Map.Entry<GroupKey, List<TrackedThread>>> largestFirst = new ArrayList<>(newcomers.entrySet());
		largestFirst.sort(Comparator.comparingInt((Map.Entry<GroupKey, List<TrackedThread>> entry) -> entry.getValue().size()).reversed());
		int untracked = 0;
		for (int i = 0; i < largestFirst.size(); i++) {
			Map.Entry<GroupKey, List<TrackedThread>> entry = largestFirst.get(i);
			if (i >= this.settings.maxGroups()) {
				untracked += entry.getValue().size();
				continue;
			}
			GroupKey key = this.sharedFrames.share(entry.getKey());
			TrackedGroup group = new TrackedGroup(key, this.sharedFrames.texts(key), this.settings);
			this.groups.put(group.key, group);
			for (TrackedThread thread : entry.getValue()) {
				thread.key = group.key;
				group.join(thread);
			}
		}
		return untracked;
	}

	private void judge(TrackedGroup group, long now, List<TrackedGroup> newlySuspected,
			List<StackGroupReport> cleared) {
		Evidence evidence = null;
		long pointMillis = this.settings.sampleInterval().toMillis();
		for (Horizon horizon : group.horizons) {
			evidence = this.detector.judge(horizon, pointMillis * horizon.period());
			if (evidence != null) {
				break;
			}
		}
		if (evidence != null) {
			if (!group.suspected()) {
				group.baseline = evidence.from();
				group.suspectedSinceMillis = now;
				newlySuspected.add(group);
			}
			group.evidence = evidence;
		}
		else if (group.suspected() && group.count() < group.baseline + this.settings.minGrowth()) {
			cleared.add(describe(group, now));
			group.evidence = null;
		}
	}

	/** Drops groups gone for a whole window, then the least telling ones beyond {@code max-groups}. */
	private void evict() {
		Iterator<TrackedGroup> iterator = this.groups.values().iterator();
		while (iterator.hasNext()) {
			if (iterator.next().absentSamples >= this.settings.window()) {
				iterator.remove();
			}
		}
		int excess = this.groups.size() - this.settings.maxGroups();
		if (excess > 0) {
			List<TrackedGroup> candidates = new ArrayList<>(this.groups.values());
			candidates.sort(EVICTION_ORDER);
			for (int i = 0; i < excess; i++) {
				this.groups.remove(candidates.get(i).key);
			}
		}
		this.sharedFrames.retainFramesOf(this.groups.values());
	}

	private Latest build(ThreadTracker.Observation observation, long sample, long now, double sampleMillis,
			int untracked) {
		List<StackGroupReport> reports = new ArrayList<>();
		Map<String, Members> members = new HashMap<>();
		for (TrackedGroup group : this.groups.values()) {
			if (group.count() > 0) {
				StackGroupReport report = describe(group, now);
				reports.add(report);
				members.put(report.id(), Members.of(report, group.members, now));
			}
		}
		reports.sort(Comparator.comparing(StackGroupReport::suspected)
			.thenComparingInt(StackGroupReport::count)
			.reversed()
			.thenComparing(StackGroupReport::id));
		List<StackGroupReport> suspects = reports.stream().filter(StackGroupReport::suspected).toList();
		List<Long> deadlocked = new ArrayList<>(observation.deadlocked());
		Collections.sort(deadlocked);
		ThreadLeakReport report = new ThreadLeakReport(suspects.isEmpty() ? LeakStatus.OK : LeakStatus.LEAK_SUSPECTED,
				observation.liveThreads(), sample, Instant.ofEpochMilli(now), sampleMillis,
				observation.stacksWalked(), this.groups.size(), untracked, deadlocked, suspects, reports, null,
				this.creationSites.tracking(), null, observation.stacksDeferred());
		return new Latest(report, members);
	}

	private StackGroupReport describe(TrackedGroup group, long now) {
		TrackedThread oldest = null;
		int deadlocked = 0;
		for (TrackedThread member : group.members) {
			if (oldest == null || member.stillSinceMillis < oldest.stillSinceMillis) {
				oldest = member;
			}
			if (member.deadlocked) {
				deadlocked++;
			}
		}
		long stuckFor = (oldest != null) ? now - oldest.stillSinceMillis : 0;
		LockReport lock = (oldest != null) ? lockOf(oldest.census) : null;
		int[] history = group.horizons[0].counts();
		int growth = (history.length > 0) ? history[history.length - 1] - history[0] : 0;
		Evidence evidence = group.evidence;
		String container = group.key.container();
		return new StackGroupReport(group.id, displayName(group.key), group.key.state(), group.count(), growth,
				evidence != null, group.frameTexts, Arrays.stream(history).boxed().toList(), group.stuck, stuckFor, deadlocked,
				lock, evidence, (evidence != null) ? now - group.suspectedSinceMillis : 0,
				explain(group, evidence, stuckFor, lock, deadlocked, this.settings.minStillSamples()), creationSites(group),
				container != null, container);
	}

	/** The normalized name; for unnamed virtual threads (most of them), their container. */
	private static String displayName(GroupKey key) {
		String container = key.container();
		return (key.name().isEmpty() && container != null) ? container : key.name();
	}

	/**
	 * Where the group's members were started, most first; a known site is asked once per thread. Empty while
	 * creation sites are not tracked: the report's {@code creationSiteTracking} says why.
	 */
	private List<CreationSite> creationSites(TrackedGroup group) {
		if (this.creationSites == CreationSites.NONE) {
			return List.of();
		}
		// By site, not by whole stack: the same starting line reached along different paths is one site.
		Map<String, SiteCount> counts = new HashMap<>();
		for (TrackedThread member : group.members) {
			ThreadOrigin origin = member.origin;
			if (origin == null) {
				origin = this.creationSites.originOf(member.census.id());
				if (origin.settled()) {
					member.origin = origin;
				}
			}
			if (origin.kind() != ThreadOrigin.Kind.UNTRACKED) {
				counts.computeIfAbsent(origin.site(), (site) -> new SiteCount()).add(origin);
			}
		}
		List<SiteCount> mostFirst = new ArrayList<>(counts.values());
		mostFirst.sort(Comparator.comparingInt((SiteCount count) -> count.threads)
			.reversed()
			.thenComparing((count) -> count.origin.site()));
		List<CreationSite> sites = new ArrayList<>();
		int max = StackGroupReport.MAX_CREATION_SITES;
		for (int i = 0; i < mostFirst.size(); i++) {
			if (i == max - 1 && mostFirst.size() > max) {
				int others = 0;
				for (int j = i; j < mostFirst.size(); j++) {
					others += mostFirst.get(j).threads;
				}
				sites.add(new CreationSite("(" + (mostFirst.size() - i) + " other sites)", List.of(), others));
				break;
			}
			sites.add(CreationSite.of(mostFirst.get(i).origin, mostFirst.get(i).threads));
		}
		return sites;
	}

	private static String explain(TrackedGroup group, @Nullable Evidence evidence, long stuckFor,
			@Nullable LockReport lock, int deadlocked, int minStillSamples) {
		StringBuilder text = new StringBuilder();
		text.append(group.count()).append((group.count() == 1) ? " thread " : " threads ")
			.append(group.key.state())
			.append(", oldest stuck ")
			.append(Durations.format(stuckFor))
			.append(", ")
			.append(group.stuckLong)
			.append(" of ")
			.append(group.count())
			.append(" stuck for >= ")
			.append(minStillSamples)
			.append(" samples");
		if (evidence != null) {
			text.append("; suspected: ").append(evidence.describe());
		}
		if (lock != null && lock.ownerId() >= 0) {
			text.append("; lock owned by \"").append(lock.ownerName()).append('"');
			text.append(lock.ownerAlive() ? "" : ", which has ended without unlocking it");
		}
		if (deadlocked > 0) {
			text.append("; ").append(deadlocked).append(" deadlocked");
		}
		return text.toString();
	}

	private @Nullable LockReport lockOf(ThreadCensus thread) {
		if (thread.lockName() == null) {
			return null;
		}
		long owner = thread.lockOwnerId();
		boolean alive = owner >= 0 && (this.tracker.threads().containsKey(owner) || ownerIsUntracked(owner));
		String ownerName = ThreadNames.cut(thread.lockOwnerName(), ThreadNames.MAX_LENGTH);
		return new LockReport(thread.lockName(), owner, ownerName, alive);
	}

	/** The sampling thread itself is live but untracked. */
	@SuppressWarnings("deprecation")
	private static boolean ownerIsUntracked(long owner) {
		return owner == Thread.currentThread().getId();
	}

	private void notifyListeners(Latest built, ThreadLeakReport combinedReport, List<TrackedGroup> newlySuspected,
			List<StackGroupReport> cleared) {
		for (ThreadLeakListener listener : this.listeners) {
			for (TrackedGroup group : newlySuspected) {
				Members members = built.members.get(group.id);
				if (members != null) {
					notifySafely(() -> listener.suspected(members.group()));
				}
			}
			for (StackGroupReport report : cleared) {
				notifySafely(() -> listener.cleared(report));
			}
			notifySafely(() -> listener.sampled(combinedReport));
		}
	}

	private static void notifySafely(Runnable call) {
		try {
			call.run();
		}
		catch (RuntimeException ex) {
			// A listener's failure must not stop sampling or keep other listeners from hearing.
		}
	}

	/** How many members one site started, and the frames of the first of them. */
	private static final class SiteCount {

		ThreadOrigin origin = ThreadOrigin.UNTRACKED;

		int threads;

		void add(ThreadOrigin added) {
			if (this.threads++ == 0) {
				this.origin = added;
			}
		}

	}

	/** The latest report combined with the virtual threads' latest, and what it was made from. */
	private record Combined(ThreadLeakReport own, ThreadLeakReport virtual, VirtualThreadsReport status,
			ThreadLeakReport report) {
	}

	/** The latest report and its groups' members, published together. */
	private record Latest(ThreadLeakReport report, Map<String, Members> members) {
	}

	/**
	 * A group's members as of one sample, kept as arrays: the sorted {@link GroupDetail} is built only when
	 * someone asks for it, not every sample.
	 */
	private record Members(StackGroupReport group, ThreadCensus[] threads, long[] stuckForMillis,
			boolean[] deadlocked) {

		static Members of(StackGroupReport group, List<TrackedThread> members, long now) {
			int size = members.size();
			ThreadCensus[] threads = new ThreadCensus[size];
			long[] stuckFor = new long[size];
			boolean[] deadlocked = new boolean[size];
			for (int i = 0; i < size; i++) {
				TrackedThread member = members.get(i);
				threads[i] = member.census;
				stuckFor[i] = now - member.stillSinceMillis;
				deadlocked[i] = member.deadlocked;
			}
			return new Members(group, threads, stuckFor, deadlocked);
		}

		GroupDetail detail() {
			List<MemberThread> list = new ArrayList<>(this.threads.length);
			for (int i = 0; i < this.threads.length; i++) {
				ThreadCensus census = this.threads[i];
				list.add(new MemberThread(census.id(), Objects.requireNonNull(ThreadNames.cut(census.name(), ThreadNames.MAX_LENGTH)),
						census.state(), census.daemon(), this.stuckForMillis[i], this.deadlocked[i]));
			}
			list.sort(Comparator.comparingLong(MemberThread::stuckForMillis)
				.reversed()
				.thenComparingLong(MemberThread::id));
			int listed = Math.min(list.size(), GroupDetail.MAX_THREADS);
			return new GroupDetail(this.group, list.subList(0, listed), list.size() - listed);
		}

	}

}
