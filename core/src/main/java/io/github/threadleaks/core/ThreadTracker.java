package io.github.threadleaks.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps one record per live thread and refreshes them from each census, walking the stacks of only the threads
 * that are new or have moved: a thread that sits still keeps its stack, so a leak costs a census, not a dump.
 */
final class ThreadTracker {

	private final ThreadSource source;

	private final ThreadLeaksSettings settings;

	private final Map<Long, TrackedThread> threads = new HashMap<>();

	/** Observations made; each tracked thread carries the number of the last one that saw it. */
	private long observations;

	ThreadTracker(ThreadSource source, ThreadLeaksSettings settings) {
		this.source = source;
		this.settings = settings;
	}

	/**
	 * Takes a census, refreshes every record and returns them. The thread {@code excludedThreadId} (the caller:
	 * the engine never reports its own thread) is left out.
	 */
	Observation observe(long nowMillis, long excludedThreadId) {
		List<ThreadCensus> census = this.source.census();
		long observation = ++this.observations;
		List<ThreadCensus> moved = new ArrayList<>();
		int live = 0;
		// The records are updated in place: a still thread costs a lookup, not a new map entry every sample.
		for (ThreadCensus thread : census) {
			if (thread.state() == Thread.State.NEW || thread.state() == Thread.State.TERMINATED) {
				continue;
			}
			live++;
			if (thread.id() == excludedThreadId) {
				continue;
			}
			TrackedThread known = this.threads.get(thread.id());
			if (known != null && thread.stillSince(known.census) && thread.name().equals(known.census.name())) {
				known.stayedStill(thread);
				known.observation = observation;
			}
			else if (isIgnoredName(thread.name())) {
				track(refreshed(known, thread, null, nowMillis), observation);
			}
			else {
				moved.add(thread);
			}
		}
		Map<Long, List<StackFrame>> stacks = this.source.stacks(ids(moved), this.settings.stackDepth());
		for (ThreadCensus thread : moved) {
			List<StackFrame> frames = stacks.get(thread.id());
			if (frames != null) {
				GroupKey key = isIgnoredStack(frames) ? null
						: new GroupKey(ThreadNames.normalize(thread.name()), thread.state(), frames,
								this.source.container(thread.id()));
				TrackedThread known = this.threads.get(thread.id());
				if (known != null && stillWithoutCpuTime(known, thread, key)) {
					known.stayedStill(thread);
					known.observation = observation;
				}
				else {
					track(refreshed(known, thread, key, nowMillis), observation);
				}
			}
		}
		// Threads that ended, or whose stack could not be read, are not part of this observation.
		this.threads.values().removeIf((thread) -> thread.observation != observation);
		Set<Long> deadlocked = findDeadlocks(census);
		for (TrackedThread thread : this.threads.values()) {
			thread.deadlocked = !deadlocked.isEmpty() && deadlocked.contains(thread.census.id());
		}
		return new Observation(this.threads.values(), live, moved.size(), deadlocked);
	}

	private void track(TrackedThread thread, long observation) {
		thread.observation = observation;
		this.threads.put(thread.census.id(), thread);
	}

	/** Tracked threads, by id. */
	Map<Long, TrackedThread> threads() {
		return this.threads;
	}

	private static TrackedThread refreshed(TrackedThread known, ThreadCensus thread, GroupKey key, long nowMillis) {
		if (known == null) {
			return new TrackedThread(thread, key, nowMillis);
		}
		known.moved(thread, key, nowMillis);
		return known;
	}

	/**
	 * A runnable thread measured without CPU time has its stack walked every sample; the same stack and
	 * counters as before are then the only evidence that it did not move.
	 */
	private static boolean stillWithoutCpuTime(TrackedThread known, ThreadCensus thread, GroupKey key) {
		ThreadCensus before = known.census;
		return thread.state() == Thread.State.RUNNABLE && thread.cpuTimeNanos() < 0 && before.state() == thread.state()
				&& before.waitedCount() == thread.waitedCount() && before.blockedCount() == thread.blockedCount()
				&& key != null && key.equals(known.key);
	}

	private boolean isIgnoredName(String name) {
		return matchesAny(this.settings.ignoredThreadNames(), name);
	}

	private boolean isIgnoredStack(List<StackFrame> frames) {
		if (!frames.isEmpty() && matchesAny(this.settings.ignoredTopFrames(), frames.get(0).qualifiedMethod())) {
			return true;
		}
		if (!this.settings.ignoredAnyFrames().isEmpty()) {
			for (StackFrame frame : frames) {
				if (matchesAny(this.settings.ignoredAnyFrames(), frame.qualifiedMethod())) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean matchesAny(List<Pattern> patterns, String text) {
		for (Pattern pattern : patterns) {
			if (pattern.matcher(text).matches()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Deadlocked threads. A deadlock is a cycle of lock owners, which the census already shows; only when it
	 * shows one is the JVM asked to confirm, since its search may pause every thread.
	 */
	private Set<Long> findDeadlocks(List<ThreadCensus> census) {
		if (!LockGraph.hasCycle(census)) {
			return Set.of();
		}
		Set<Long> deadlocked = new HashSet<>();
		for (long id : this.source.deadlockedThreadIds()) {
			deadlocked.add(id);
		}
		return deadlocked;
	}

	private static long[] ids(List<ThreadCensus> threads) {
		long[] ids = new long[threads.size()];
		for (int i = 0; i < ids.length; i++) {
			ids[i] = threads.get(i).id();
		}
		return ids;
	}

	/**
	 * One sample's view of the tracked threads.
	 *
	 * @param threads every tracked thread, ignored ones included (their key is {@code null}); a view that the next
	 * observation changes
	 * @param liveThreads how many live threads the census counted
	 * @param stacksWalked how many stacks had to be walked
	 * @param deadlocked the ids of deadlocked threads
	 */
	record Observation(java.util.Collection<TrackedThread> threads, int liveThreads, int stacksWalked,
			Set<Long> deadlocked) {
	}

}
