package io.github.threadleaks.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * Keeps one record per live thread and refreshes them from each census, walking the
 * stacks of only the threads that are new or have moved: a thread that sits still keeps
 * its stack, so a leak costs a census, not a dump.
 */
final class ThreadTracker {

	/**
	 * The first batch of stack walks; each further batch is twice as large, up to
	 * {@link #MAX_BATCH}.
	 */
	static final int FIRST_BATCH = 16;

	static final int MAX_BATCH = 256;

	/**
	 * Samples after which runnable threads are walked again even though the last walk
	 * cost more than the budget.
	 */
	static final int RETRY_SAMPLES = 10;

	/**
	 * How far along a chain of lock owners a waiter is followed: a cycle (a deadlock)
	 * never moves, so a bound is enough.
	 */
	static final int MAX_OWNER_HOPS = 8;

	private final ThreadSource source;

	private final ThreadLeaksSettings settings;

	private final LongSupplier nanoTime;

	private final Map<Long, TrackedThread> threads = new HashMap<>();

	/**
	 * Observations made; each tracked thread carries the number of the last one that saw
	 * it.
	 */
	private long observations;

	/** When the previous census was taken (epoch millis), or -1 before the first. */
	private long previousMillis = -1;

	/**
	 * What the latest call for stacks cost: under CPU starvation every call waits for
	 * busy threads.
	 */
	private long lastBatchNanos;

	private int samplesSinceSkippedWalk;

	ThreadTracker(ThreadSource source, ThreadLeaksSettings settings) {
		this(source, settings, System::nanoTime);
	}

	ThreadTracker(ThreadSource source, ThreadLeaksSettings settings, LongSupplier nanoTime) {
		this.source = source;
		this.settings = settings;
		this.nanoTime = nanoTime;
	}

	/**
	 * Takes a census, refreshes every record and returns them. The thread
	 * {@code excludedThreadId} (the caller: the engine never reports its own thread) is
	 * left out.
	 */
	Observation observe(long nowMillis, long excludedThreadId) {
		long began = this.nanoTime.getAsLong();
		List<ThreadCensus> census = this.source.census();
		long observation = ++this.observations;
		long maxStillCpuNanos = maxStillCpuNanos(nowMillis);
		this.previousMillis = nowMillis;
		// New threads and waiting or blocked ones that moved (what most leaks are made
		// of) are always walked; known
		// runnable ones, quiet first, then busy, within the budget. In each kind, the
		// ones deferred last time first.
		WalkQueue always = new WalkQueue();
		WalkQueue quiet = new WalkQueue();
		WalkQueue busy = new WalkQueue();
		int live = 0;
		// The records are updated in place: a still thread costs a lookup, not a new map
		// entry every sample.
		for (ThreadCensus thread : census) {
			if (thread.state() == Thread.State.NEW || thread.state() == Thread.State.TERMINATED) {
				continue;
			}
			live++;
			if (thread.id() == excludedThreadId) {
				continue;
			}
			TrackedThread known = this.threads.get(thread.id());
			boolean sameName = known != null && thread.name().equals(known.census.name());
			if (known != null && sameName && thread.stillSince(known.census)) {
				known.stayedStill(thread);
				known.observation = observation;
				continue;
			}
			if (isIgnoredName(thread.name())) {
				track(refreshed(known, thread, null, nowMillis), observation);
				continue;
			}
			boolean deferred = known != null && known.deferred;
			WalkQueue queue = (known == null || !sameName || thread.state() != Thread.State.RUNNABLE
					|| known.census.state() != Thread.State.RUNNABLE) ? always
							: thread.busySince(known.census, maxStillCpuNanos) ? busy : quiet;
			queue.add(thread, deferred);
		}
		long budget = this.settings.stackWalkBudget().toNanos();
		int walked = walk(always.inOrder(), Long.MAX_VALUE, false, nowMillis, maxStillCpuNanos, observation);
		// Under CPU starvation one walk waits for every busy thread: skip runnable ones
		// while a walk costs more
		// than the budget, trying again now and then.
		boolean affordable = this.lastBatchNanos <= budget || ++this.samplesSinceSkippedWalk >= RETRY_SAMPLES;
		if (affordable) {
			this.samplesSinceSkippedWalk = 0;
		}
		for (WalkQueue queue : List.of(quiet, busy)) {
			boolean isBusy = queue == busy;
			if (affordable && this.nanoTime.getAsLong() - began < budget) {
				walked += walk(queue.inOrder(), began + budget, isBusy, nowMillis, maxStillCpuNanos, observation);
			}
			else {
				defer(queue.inOrder(), 0, isBusy, nowMillis, observation);
			}
		}
		int deferred = always.size() + quiet.size() + busy.size() - walked;
		// Threads that ended, or whose stack could not be read, are not part of this
		// observation.
		this.threads.values().removeIf((thread) -> thread.observation != observation);
		for (TrackedThread thread : this.threads.values()) {
			if (thread.stillSincePrevious && ownerMoved(thread)) {
				thread.ownerMoved(nowMillis);
			}
		}
		Set<Long> deadlocked = findDeadlocks(census);
		for (TrackedThread thread : this.threads.values()) {
			thread.deadlocked = !deadlocked.isEmpty() && deadlocked.contains(thread.census.id());
		}
		return new Observation(this.threads.values(), live, walked, deferred, deadlocked);
	}

	/**
	 * Walks the stacks of the given threads in batches, the first batch always, the
	 * others while the time is before {@code deadlineNanos}; the threads left are
	 * deferred. Returns how many were walked.
	 */
	private int walk(List<ThreadCensus> threads, long deadlineNanos, boolean busy, long nowMillis,
			long maxStillCpuNanos, long observation) {
		int next = 0;
		int batch = FIRST_BATCH;
		while (next < threads.size() && (next == 0 || this.nanoTime.getAsLong() < deadlineNanos)) {
			int end = Math.min(threads.size(), next + batch);
			List<ThreadCensus> part = threads.subList(next, end);
			long batchBegan = this.nanoTime.getAsLong();
			Map<Long, List<StackFrame>> stacks = this.source.stacks(ids(part), this.settings.stackDepth());
			this.lastBatchNanos = this.nanoTime.getAsLong() - batchBegan;
			for (ThreadCensus thread : part) {
				refresh(thread, stacks.get(thread.id()), nowMillis, maxStillCpuNanos, observation);
			}
			next = end;
			batch = Math.min(MAX_BATCH, batch * 2);
		}
		defer(threads, next, busy, nowMillis, observation);
		return next;
	}

	/**
	 * Leaves the threads from {@code from} on for the next sample; they keep their record
	 * meanwhile. Only known threads are ever deferred: new ones are always walked.
	 */
	private void defer(List<ThreadCensus> threads, int from, boolean busy, long nowMillis, long observation) {
		for (int i = from; i < threads.size(); i++) {
			TrackedThread known = this.threads.get(threads.get(i).id());
			if (known != null) {
				known.deferred(busy, nowMillis);
				known.observation = observation;
			}
		}
	}

	private void refresh(ThreadCensus thread, @Nullable List<StackFrame> frames, long nowMillis, long maxStillCpuNanos,
			long observation) {
		if (frames == null) {
			return;
		}
		GroupKey key = isIgnoredStack(frames) ? null : new GroupKey(ThreadNames.normalize(thread.name()),
				thread.state(), frames, this.source.container(thread.id()));
		TrackedThread known = this.threads.get(thread.id());
		if (known != null && stillOnSameStack(known, thread, key, maxStillCpuNanos)) {
			known.stayedStill(thread);
			known.observation = observation;
		}
		else {
			track(refreshed(known, thread, key, nowMillis), observation);
		}
	}

	/**
	 * The CPU time a runnable thread may use since the previous census and still count as
	 * still.
	 */
	private long maxStillCpuNanos(long nowMillis) {
		if (this.previousMillis < 0 || nowMillis <= this.previousMillis) {
			return 0;
		}
		return (long) (this.settings.maxStillCpuShare() * (nowMillis - this.previousMillis) * 1_000_000.0);
	}

	private void track(TrackedThread thread, long observation) {
		thread.observation = observation;
		this.threads.put(thread.census.id(), thread);
	}

	/** Tracked threads, by id. */
	Map<Long, TrackedThread> threads() {
		return this.threads;
	}

	private TrackedThread refreshed(@Nullable TrackedThread known, ThreadCensus thread, @Nullable GroupKey key,
			long nowMillis) {
		if (known == null) {
			return new TrackedThread(thread, key, nowMillis, this.settings.minStillSamples());
		}
		known.moved(thread, key, nowMillis);
		return known;
	}

	/**
	 * A runnable thread with no or little CPU time since the previous census (an event
	 * loop waking on a timer, or any runnable thread where CPU time is not measured) sits
	 * still if its stack and counters are unchanged.
	 */
	private static boolean stillOnSameStack(TrackedThread known, ThreadCensus thread, @Nullable GroupKey key,
			long maxStillCpuNanos) {
		ThreadCensus before = known.census;
		return key != null && key.equals(known.stack) && thread.name().equals(before.name())
				&& thread.quietSince(before, maxStillCpuNanos);
	}

	private boolean isIgnoredName(String name) {
		return this.settings.ignore().ignoresName(name);
	}

	private boolean isIgnoredStack(List<StackFrame> frames) {
		return this.settings.ignore().ignoresStack(frames);
	}

	/**
	 * Whether the thread waits for a lock whose owner, or an owner further along the
	 * chain of owners, moved since the previous sample: it waits in a queue that moves (a
	 * slow holder at warm-up), not for a lock that is never let go.
	 */
	private boolean ownerMoved(TrackedThread thread) {
		TrackedThread waiter = thread;
		for (int hop = 0; hop < MAX_OWNER_HOPS && waiter.census.lockOwnerId() >= 0; hop++) {
			TrackedThread owner = this.threads.get(waiter.census.lockOwnerId());
			if (owner == null) {
				return false;
			}
			if (!owner.stillSincePrevious) {
				return true;
			}
			waiter = owner;
		}
		return false;
	}

	/**
	 * Deadlocked threads. A deadlock is a cycle of lock owners, which the census already
	 * shows; only when it shows one is the JVM asked to confirm, since its search may
	 * pause every thread.
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
	 * Threads of one kind waiting for a stack walk: the ones deferred last time first.
	 */
	private static final class WalkQueue {

		private final List<ThreadCensus> deferred = new ArrayList<>();

		private final List<ThreadCensus> others = new ArrayList<>();

		void add(ThreadCensus thread, boolean wasDeferred) {
			(wasDeferred ? this.deferred : this.others).add(thread);
		}

		int size() {
			return this.deferred.size() + this.others.size();
		}

		List<ThreadCensus> inOrder() {
			if (this.deferred.isEmpty()) {
				return this.others;
			}
			List<ThreadCensus> all = new ArrayList<>(this.deferred);
			all.addAll(this.others);
			return all;
		}

	}

	/**
	 * One sample's view of the tracked threads.
	 *
	 * @param threads every tracked thread, ignored ones included (their key is
	 * {@code null}); a view that the next observation changes
	 * @param liveThreads how many live threads the census counted
	 * @param stacksWalked how many stacks were walked
	 * @param stacksDeferred how many threads that moved were left for the next sample by
	 * the walk budget
	 * @param deadlocked the ids of deadlocked threads
	 */
	record Observation(Collection<TrackedThread> threads, int liveThreads, int stacksWalked, int stacksDeferred,
			Set<Long> deadlocked) {
	}

}
