package io.github.threadleaks.core.virtual;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import io.github.threadleaks.core.StackFrame;
import io.github.threadleaks.core.ThreadCensus;
import org.jspecify.annotations.Nullable;

/**
 * The censuses of live {@link Thread} objects taken one by one, listing after listing,
 * for threads the JVM's thread API does not see (virtual threads). A thread's stack comes
 * from {@link Thread#getStackTrace()}, which the JDK retries while a virtual thread
 * mounts or unmounts, and its state from {@link Thread#getState()}, read before and after
 * the stack.
 * <p>
 * A stack is walked only where it can have changed: a thread seen by the previous listing
 * that still waits in the same state on the same park blocker
 * ({@link LockSupport#getBlocker}, the same object) with the same name keeps its previous
 * census and frames, read without a walk and without a safepoint. New threads, runnable
 * ones, threads without a blocker and those caught with an empty stack are walked every
 * listing; and every stack is walked again at least every {@value #REWALK_LISTINGS}
 * listings (a thread that woke and parked again on the same blocker elsewhere shows only
 * there), a slice of the still threads each listing.
 * <p>
 * Such a thread has no wait counters: its census carries the fingerprint of its whole
 * stack in {@link ThreadCensus#waitedCount()} instead, so a thread that sits in the same
 * place with the same state and blocker reads as still. A runnable thread, or one caught
 * with an empty stack, never reads as still. Identical stacks share one frame list.
 */
final class StackWalkCensus {

	/** Every stack is walked again at least this often, in listings. */
	static final int REWALK_LISTINGS = 32;

	/** The fewest interned stacks before the table is rebuilt from the live ones. */
	private static final int MIN_REBUILD_SIZE = 1024;

	private final int maxDepth;

	private final boolean walkEveryStack;

	/** What each thread of the latest listings was seen as: updated in place. */
	private final Map<Thread, Seen> threads = new HashMap<>();

	/** The same, by thread id, for {@link #stacks} and {@link #container}. */
	private final Map<Long, Seen> byId = new HashMap<>();

	private Map<List<StackFrame>, List<StackFrame>> interned = new HashMap<>();

	private int internedAfterRebuild;

	private List<ThreadCensus> census = new ArrayList<>();

	private long listing;

	private int walked;

	/**
	 * Censuses that keep {@code maxDepth} frames per thread and walk the stacks of only
	 * the threads that can have moved.
	 */
	StackWalkCensus(int maxDepth) {
		this(maxDepth, false);
	}

	/**
	 * Censuses that keep {@code maxDepth} frames per thread; {@code walkEveryStack} walks
	 * every thread's stack every listing, as round two did: tests compare the two.
	 */
	StackWalkCensus(int maxDepth, boolean walkEveryStack) {
		this.maxDepth = maxDepth;
		this.walkEveryStack = walkEveryStack;
	}

	/** Starts a new listing. */
	void begin() {
		this.listing++;
		this.walked = 0;
		this.census = new ArrayList<>(this.census.size() + 16);
	}

	/**
	 * Takes the census of one thread in the given container.
	 * @return whether it is in the census: not when it has not started, has ended, or is
	 * in it already
	 */
	boolean add(Thread thread, String container) {
		Seen seen = this.threads.get(thread);
		if (seen != null && seen.listing == this.listing) {
			return false;
		}
		if (seen != null && !this.walkEveryStack && seen.canReuse(thread, this.listing)) {
			seen.listing = this.listing;
			this.census.add(seen.census);
			return true;
		}
		Object blocker = LockSupport.getBlocker(thread);
		Thread.State state = thread.getState();
		StackTraceElement[] trace = thread.getStackTrace();
		// Read again after the stack: a thread that moved in between is counted as moved,
		// never as still.
		Thread.State after = thread.getState();
		if (state == Thread.State.NEW || after == Thread.State.TERMINATED) {
			forget(thread);
			return false;
		}
		this.walked++;
		boolean settled = state == after && after != Thread.State.RUNNABLE && trace.length > 0
				&& blocker == LockSupport.getBlocker(thread);
		long fingerprint = (state == after) ? 1 : 2;
		StackFrame[] frames = new StackFrame[Math.min(trace.length, this.maxDepth)];
		for (int i = 0; i < trace.length; i++) {
			fingerprint = 31 * fingerprint + trace[i].hashCode();
			if (i < frames.length) {
				frames[i] = StackFrame.of(trace[i]);
			}
		}
		if (after == Thread.State.RUNNABLE || trace.length == 0) {
			// Running, or caught mounting: nothing shows whether it spins or is stuck, so
			// it never counts as still.
			fingerprint = ThreadCensus.neverStill();
		}
		String lockName = (blocker != null)
				? blocker.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(blocker)) : null;
		ThreadCensus taken = new ThreadCensus(id(thread), thread.getName(), after, true, lockName, -1, null,
				fingerprint, 0, -1);
		if (seen != null && seen.census.waitedCount() == fingerprint && seen.census.stillSince(taken)
				&& seen.census.name().equals(taken.name())) {
			// Walked again and found where it was: the same census, so the engine sees it
			// still.
			taken = seen.census;
		}
		List<StackFrame> stack = this.interned.computeIfAbsent(List.of(frames), (key) -> key);
		if (seen == null) {
			seen = new Seen(thread, container);
			this.threads.put(thread, seen);
			this.byId.put(taken.id(), seen);
		}
		seen.update(taken, stack, settled ? blocker : null, settled, this.listing);
		this.census.add(taken);
		return true;
	}

	/** How many threads are in the census of this listing. */
	int size() {
		return this.census.size();
	}

	/** How many stacks this listing walked. */
	int walked() {
		return this.walked;
	}

	/**
	 * Ends the listing: the threads it did not see are forgotten. Returns its census.
	 */
	List<ThreadCensus> end() {
		this.threads.values().removeIf((seen) -> {
			if (seen.listing != this.listing) {
				this.byId.remove(seen.census.id());
				return true;
			}
			return false;
		});
		if (this.interned.size() >= Math.max(MIN_REBUILD_SIZE, 2 * this.internedAfterRebuild)) {
			Map<List<StackFrame>, List<StackFrame>> kept = new HashMap<>();
			for (Seen seen : this.threads.values()) {
				kept.put(seen.stack, seen.stack);
			}
			this.interned = kept;
			this.internedAfterRebuild = kept.size();
		}
		return this.census;
	}

	/**
	 * The top {@code maxDepth} frames of each of the given threads that the latest
	 * listing saw.
	 */
	Map<Long, List<StackFrame>> stacks(long[] threadIds, int maxDepth) {
		Map<Long, List<StackFrame>> answer = new HashMap<>();
		for (long id : threadIds) {
			Seen seen = this.byId.get(id);
			if (seen != null) {
				List<StackFrame> stack = seen.stack;
				answer.put(id, (stack.size() <= maxDepth) ? stack : List.copyOf(stack.subList(0, maxDepth)));
			}
		}
		return answer;
	}

	/** The container of a thread the latest listing saw, or {@code null}. */
	@Nullable String container(long threadId) {
		Seen seen = this.byId.get(threadId);
		return (seen != null) ? seen.container : null;
	}

	private void forget(Thread thread) {
		Seen seen = this.threads.remove(thread);
		if (seen != null) {
			this.byId.remove(seen.census.id());
		}
	}

	@SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; this code is
										// compiled for Java 17.
	private static long id(Thread thread) {
		return thread.getId();
	}

	/** What one thread was seen as, updated in place listing after listing. */
	private static final class Seen {

		private final long rewalkSlot;

		private final String container;

		private ThreadCensus census;

		private List<StackFrame> stack = List.of();

		/**
		 * The blocker it was parked on when its stack was walked; held (it is the
		 * identity compared), dropped once the thread is forgotten.
		 */
		private @Nullable Object blocker;

		/**
		 * Whether its walk found it waiting, with a stack, on a blocker that did not
		 * change during the walk.
		 */
		private boolean settled;

		private long listing;

		Seen(Thread thread, String container) {
			this.rewalkSlot = Math.floorMod(System.identityHashCode(thread), REWALK_LISTINGS);
			this.container = container;
			this.census = new ThreadCensus(0, "", Thread.State.NEW, true, null, -1, null, 0, 0, -1);
		}

		void update(ThreadCensus census, List<StackFrame> stack, @Nullable Object blocker, boolean settled,
				long listing) {
			this.census = census;
			this.stack = stack;
			this.blocker = blocker;
			this.settled = settled;
			this.listing = listing;
		}

		/**
		 * Whether the thread can only be where its last walk found it: it was settled
		 * then, and it still waits in the same state on the same blocker under the same
		 * name; unless its turn to be walked again has come.
		 */
		boolean canReuse(Thread thread, long listing) {
			return this.settled && this.blocker != null && listing % REWALK_LISTINGS != this.rewalkSlot
					&& LockSupport.getBlocker(thread) == this.blocker && thread.getState() == this.census.state()
					&& thread.getName().equals(this.census.name());
		}

	}

}
