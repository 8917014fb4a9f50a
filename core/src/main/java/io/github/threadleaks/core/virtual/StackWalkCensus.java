package io.github.threadleaks.core.virtual;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import io.github.threadleaks.core.StackFrame;
import io.github.threadleaks.core.ThreadCensus;

/**
 * One census of live {@link Thread} objects taken one by one, for threads the JVM's
 * thread API does not see (virtual threads): each thread's stack from
 * {@link Thread#getStackTrace()}, which the JDK retries while a virtual thread mounts or
 * unmounts, and its state from {@link Thread#getState()}, read before and after the
 * stack.
 * <p>
 * Such a thread has no wait counters: its census carries the fingerprint of its whole
 * stack in {@link ThreadCensus#waitedCount()} instead, so a thread that sits in the same
 * place with the same state and blocker reads as still. A runnable thread, or one caught
 * with an empty stack, never reads as still. Identical stacks share one frame list.
 */
final class StackWalkCensus {

	private final int maxDepth;

	private final List<ThreadCensus> census = new ArrayList<>();

	private final Map<Long, List<StackFrame>> stacks = new HashMap<>();

	private final Map<Long, String> containers = new HashMap<>();

	private final Map<List<StackFrame>, List<StackFrame>> interned = new HashMap<>();

	/** A census that keeps {@code maxDepth} frames per thread. */
	StackWalkCensus(int maxDepth) {
		this.maxDepth = maxDepth;
	}

	/**
	 * Takes the census of one thread in the given container.
	 * @return whether it is in the census: not when it has not started, has ended, or is
	 * in it already
	 */
	boolean add(Thread thread, String container) {
		long id = id(thread);
		if (this.stacks.containsKey(id)) {
			return false;
		}
		Thread.State state = thread.getState();
		StackTraceElement[] trace = thread.getStackTrace();
		// Read again after the stack: a thread that moved in between is counted as moved,
		// never as still.
		Thread.State after = thread.getState();
		if (state == Thread.State.NEW || after == Thread.State.TERMINATED) {
			return false;
		}
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
		this.stacks.put(id, this.interned.computeIfAbsent(List.of(frames), (key) -> key));
		this.containers.put(id, container);
		Object blocker = LockSupport.getBlocker(thread);
		String lockName = (blocker != null)
				? blocker.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(blocker)) : null;
		this.census.add(new ThreadCensus(id, thread.getName(), after, true, lockName, -1, null, fingerprint, 0, -1));
		return true;
	}

	/** How many threads are in the census. */
	int size() {
		return this.census.size();
	}

	/** The census taken. */
	List<ThreadCensus> census() {
		return this.census;
	}

	/** The stacks and containers of the threads in the census. */
	LatestStacks stacks() {
		return new LatestStacks(this.stacks, this.containers);
	}

	@SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; this code is
										// compiled for Java 17.
	private static long id(Thread thread) {
		return thread.getId();
	}

}
