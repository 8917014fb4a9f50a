package io.github.threadleaks.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * Groups threads by stack: takes a census through a tracker that walks only the stacks
 * that moved, puts each thread into the group of its name, state and frames, admits new
 * groups up to {@code max-groups}, evicts groups gone for a whole window, and describes
 * each group with its members. The {@link ThreadLeakMonitor} adds history and verdicts on
 * top; on its own, {@link #sample()} tells which threads sit where. Used by one thread at
 * a time.
 *
 * @since 0.1.0
 */
public final class StackGrouping {

	private static final Comparator<TrackedGroup> EVICTION_ORDER = Comparator.comparing(TrackedGroup::suspected)
		.thenComparing((group) -> group.count() > 0)
		.thenComparingInt(TrackedGroup::count)
		.thenComparingLong((group) -> group.lastSeenSample);

	private final ThreadLeaksSettings settings;

	private final ThreadTracker tracker;

	private final LeakRule rule;

	private final GroupCreationSites creationSites;

	private final Map<GroupKey, TrackedGroup> groups = new HashMap<>();

	private final SharedFrames sharedFrames = new SharedFrames();

	private long samples;

	/**
	 * A grouping of the given source's threads, with the stack depth, ignores and
	 * {@code max-groups} of the given settings, naming where members were started as the
	 * given creation sites tell.
	 */
	public StackGrouping(ThreadSource source, ThreadLeaksSettings settings, CreationSites creationSites) {
		this(source, settings, creationSites, System::nanoTime);
	}

	/**
	 * A grouping whose stack-walk budget is measured on the given time source: tests make
	 * walks take long.
	 */
	StackGrouping(ThreadSource source, ThreadLeaksSettings settings, CreationSites creationSites,
			LongSupplier nanoTime) {
		this.settings = settings;
		this.tracker = new ThreadTracker(source, settings, nanoTime);
		this.rule = new LeakRule(settings);
		this.creationSites = new GroupCreationSites(creationSites);
	}

	/**
	 * Takes a census now and returns every group that has members, with them, largest
	 * first. The calling thread is left out.
	 */
	public List<GroupDetail> sample() {
		long now = System.currentTimeMillis();
		Census census = update(now, currentThreadId());
		evict();
		List<GroupDetail> details = new ArrayList<>();
		for (GroupMembers members : describe(now).values()) {
			details.add(members.detail());
		}
		details.sort(Comparator.comparing(GroupDetail::group, StackGroupReport.REPORT_ORDER));
		return details;
	}

	/**
	 * Takes a census and puts every tracked thread into its group, admitting new groups
	 * while {@code max-groups} allows; each group's membership is closed for this sample.
	 */
	Census update(long now, long excludedThreadId) {
		ThreadTracker.Observation observation = this.tracker.observe(now, excludedThreadId);
		long sample = ++this.samples;
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
				// Share one key instance per group, so later lookups compare by identity,
				// not frame by frame.
				share(thread, group.key);
				group.join(thread);
			}
			else {
				newcomers.computeIfAbsent(key, (k) -> new ArrayList<>()).add(thread);
			}
		}
		int untracked = admit(newcomers);
		for (TrackedGroup group : this.groups.values()) {
			group.close(sample);
		}
		return new Census(observation, sample, untracked);
	}

	/**
	 * Admits new groups, largest first, up to {@code max-groups} beyond which eviction
	 * will trim.
	 */
	private int admit(Map<GroupKey, List<TrackedThread>> newcomers) {
		List<Map.Entry<GroupKey, List<TrackedThread>>> largestFirst = new ArrayList<>(newcomers.entrySet());
		largestFirst
			.sort(Comparator.comparingInt((Map.Entry<GroupKey, List<TrackedThread>> entry) -> entry.getValue().size())
				.reversed());
		int untracked = 0;
		for (int i = 0; i < largestFirst.size(); i++) {
			Map.Entry<GroupKey, List<TrackedThread>> entry = largestFirst.get(i);
			if (i >= this.settings.maxGroups()) {
				untracked += entry.getValue().size();
				continue;
			}
			GroupKey key = this.sharedFrames.share(entry.getKey());
			TrackedGroup group = new TrackedGroup(key, this.sharedFrames.texts(key), this.settings, this.rule);
			this.groups.put(group.key, group);
			for (TrackedThread thread : entry.getValue()) {
				share(thread, group.key);
				group.join(thread);
			}
		}
		return untracked;
	}

	private static void share(TrackedThread thread, GroupKey key) {
		if (key.equals(thread.stack)) {
			thread.stack = key;
		}
		thread.key = key;
	}

	/** The groups tracked now, those without members this sample included. */
	Collection<TrackedGroup> groups() {
		return this.groups.values();
	}

	/**
	 * Drops groups gone for a whole window, then the least telling ones beyond
	 * {@code max-groups}.
	 */
	void evict() {
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

	/** Every group with members, described as of {@code now}, with its members, by id. */
	Map<String, GroupMembers> describe(long now) {
		Map<String, GroupMembers> described = new HashMap<>();
		for (TrackedGroup group : this.groups.values()) {
			if (group.count() > 0) {
				StackGroupReport report = describe(group, now);
				described.put(report.id(), GroupMembers.of(report, group.members, now));
			}
		}
		return described;
	}

	/** The groups' reports, suspected first, then largest first. */
	static List<StackGroupReport> inReportOrder(Collection<GroupMembers> described) {
		List<StackGroupReport> reports = new ArrayList<>(described.size());
		for (GroupMembers members : described) {
			reports.add(members.group());
		}
		reports.sort(StackGroupReport.REPORT_ORDER);
		return reports;
	}

	/** The rule that judges the groups. */
	LeakRule rule() {
		return this.rule;
	}

	/** Whether creation sites are tracked, and at what cost. */
	CreationSiteTracking creationSiteTracking() {
		return this.creationSites.tracking();
	}

	/** One group as of {@code now}: its members, history, suspicion and locks. */
	StackGroupReport describe(TrackedGroup group, long now) {
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
		Evidence evidence = group.evidence();
		String container = group.key.container();
		GroupExplanation explanation = GroupExplanation.of(group, stuckFor, lock, deadlocked,
				this.settings.minStillSamples(), now);
		return new StackGroupReport(group.id, displayName(group.key), group.key.state(), group.count(), growth,
				evidence != null, group.frameTexts, Arrays.stream(history).boxed().toList(), group.stuck, stuckFor,
				deadlocked, lock, evidence, group.suspectedForMillis(now), explanation, this.creationSites.of(group),
				container != null, container);
	}

	/**
	 * The normalized name; for unnamed virtual threads (most of them), their container.
	 */
	private static String displayName(GroupKey key) {
		String container = key.container();
		return (key.name().isEmpty() && container != null) ? container : key.name();
	}

	private @Nullable LockReport lockOf(ThreadCensus thread) {
		if (thread.lockName() == null) {
			return null;
		}
		long owner = thread.lockOwnerId();
		boolean alive = owner >= 0 && (this.tracker.threads().containsKey(owner) || owner == currentThreadId());
		String ownerName = ThreadNames.cut(thread.lockOwnerName(), ThreadNames.MAX_LENGTH);
		return new LockReport(thread.lockName(), owner, ownerName, alive);
	}

	/** The sampling thread itself: live but never tracked. */
	@SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; this code runs on
										// 17.
	static long currentThreadId() {
		return Thread.currentThread().getId();
	}

	/**
	 * One census, grouped.
	 *
	 * @param observation the tracker's view of the threads
	 * @param sample the number of this census, from 1
	 * @param untracked threads left out of every group by {@code max-groups}
	 */
	record Census(ThreadTracker.Observation observation, long sample, int untracked) {
	}

}
