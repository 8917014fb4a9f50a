package io.github.threadleaks.junit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.threadleaks.core.creation.ThreadStartListener;
import org.jspecify.annotations.Nullable;

/**
 * Which test started each thread, for tests that run in parallel: a thread started by a
 * thread while it ran a test belongs to that test, and a thread started by a thread that
 * belongs to a test belongs to it too (a server thread a test started starts a worker).
 * Fed by JFR's thread start events (with the starter's thread id and the time), which
 * arrive about a second late: so each thread's runs of tests are kept as time intervals
 * for a while after they end, and a start is matched to the interval of its starter that
 * held its time.
 */
final class ThreadOwners implements ThreadStartListener {

	/**
	 * How long an ended interval is kept for starts still to be delivered: far beyond
	 * JFR's delivery delay and the longest wait for it.
	 */
	private static final Duration KEPT = Duration.ofMinutes(1);

	/** The owner of each live thread started inside an owner's interval. */
	private final Map<Long, Owner> startedBy = new ConcurrentHashMap<>();

	/** The intervals by the thread that ran them, oldest first; guarded by this. */
	private final Map<Long, List<Interval>> intervals = new HashMap<>();

	/** The threads that have run an owner: JUnit's, never a test's leak. */
	private final Set<Long> runners = ConcurrentHashMap.newKeySet();

	/** The intervals not ended yet; guarded by this. */
	private final List<Interval> open = new ArrayList<>();

	/** The calling thread now runs {@code owner}, until {@link #leave}. */
	@SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; this code runs on
										// 17.
	synchronized Interval enter(Owner owner) {
		long threadId = Thread.currentThread().getId();
		Instant now = Instant.now();
		Interval interval = new Interval(owner, threadId, now);
		for (Interval other : this.open) {
			if (other.threadId != threadId) {
				other.overlapped = true;
				interval.overlapped = true;
			}
		}
		this.open.add(interval);
		this.runners.add(threadId);
		List<Interval> ofThread = this.intervals.computeIfAbsent(threadId, (id) -> new ArrayList<>());
		Instant forgotten = now.minus(KEPT);
		ofThread.removeIf((old) -> old.end != null && old.end.isBefore(forgotten));
		ofThread.add(interval);
		return interval;
	}

	/** The interval's thread has stopped running its owner. */
	synchronized void leave(Interval interval) {
		interval.end = Instant.now();
		this.open.remove(interval);
	}

	/** Whether the thread has run a test or a test class's lifecycle: one of JUnit's. */
	boolean runsTests(long threadId) {
		return this.runners.contains(threadId);
	}

	/**
	 * The owner of a live thread, once its start has been delivered; {@code null} for a
	 * thread no owner started, or one whose start is not known yet.
	 */
	@Nullable Owner ownerOf(long threadId) {
		return this.startedBy.get(threadId);
	}

	/**
	 * A thread's start: it belongs to what its starter ran at that time, or else to what
	 * its starter belongs to.
	 */
	@Override
	public void started(long threadId, long starterThreadId, Instant startTime) {
		Owner owner = runningAt(starterThreadId, startTime);
		if (owner == null) {
			owner = this.startedBy.get(starterThreadId);
		}
		if (owner != null) {
			this.startedBy.put(threadId, owner);
		}
	}

	@Override
	public void ended(long threadId) {
		this.startedBy.remove(threadId);
	}

	/**
	 * The owner the thread ran at that time, the innermost where one ran inside another
	 * (a test inside its class's lifecycle).
	 */
	private synchronized @Nullable Owner runningAt(long threadId, Instant time) {
		List<Interval> ofThread = this.intervals.get(threadId);
		if (ofThread == null) {
			return null;
		}
		for (int i = ofThread.size() - 1; i >= 0; i--) {
			Interval interval = ofThread.get(i);
			if (interval.holds(time)) {
				return interval.owner;
			}
		}
		return null;
	}

	/**
	 * Something that threads can belong to: a test's check, or a test class's lifecycle
	 * (its {@code @BeforeAll} and {@code @AfterAll} methods).
	 */
	static final class Owner {

		private final String name;

		Owner(String name) {
			this.name = name;
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

	/**
	 * One run of an owner on one thread. Whether another interval was open on another
	 * thread at any time during it: then the threads started meanwhile may be another's.
	 */
	static final class Interval {

		private final Owner owner;

		private final long threadId;

		private final Instant begin;

		private volatile @Nullable Instant end;

		private volatile boolean overlapped;

		private Interval(Owner owner, long threadId, Instant begin) {
			this.owner = owner;
			this.threadId = threadId;
			this.begin = begin;
		}

		boolean overlapped() {
			return this.overlapped;
		}

		private boolean holds(Instant time) {
			Instant ended = this.end;
			return !time.isBefore(this.begin) && (ended == null || time.isBefore(ended));
		}

	}

}
