package io.github.threadleaks.reachability;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A thread blocked without a timeout ({@code WAITING} or {@code BLOCKED}), as the JVM's
 * census saw it.
 *
 * @param id the thread id
 * @param state the thread state
 * @param lockClass the class of the object the JVM says the thread waits on, or
 * {@code null}
 * @param waitedCount how often the thread has waited so far
 * @param blockedCount how often the thread has blocked on a monitor so far
 */
record BlockedThread(long id, Thread.State state, @Nullable String lockClass, long waitedCount, long blockedCount) {

	/**
	 * Every thread blocked without a timeout now, by id; stacks are not read, so no
	 * safepoint is needed.
	 */
	static Map<Long, BlockedThread> census() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		Map<Long, BlockedThread> blocked = new LinkedHashMap<>();
		for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds(), 0)) {
			if (info != null && (info.getThreadState() == Thread.State.WAITING
					|| info.getThreadState() == Thread.State.BLOCKED)) {
				LockInfo lock = info.getLockInfo();
				blocked.put(info.getThreadId(), new BlockedThread(info.getThreadId(), info.getThreadState(),
						(lock != null) ? lock.getClassName() : null, info.getWaitedCount(), info.getBlockedCount()));
			}
		}
		return blocked;
	}

	/**
	 * The threads of {@code before} that sat still until {@code after}: same state, lock
	 * and counters. A thread that ran in between may have touched anything, so it cannot
	 * be a candidate.
	 */
	static Map<Long, BlockedThread> stillBetween(Map<Long, BlockedThread> before, Map<Long, BlockedThread> after) {
		Map<Long, BlockedThread> still = new LinkedHashMap<>();
		before.forEach((id, thread) -> {
			if (thread.equals(after.get(id))) {
				still.put(id, thread);
			}
		});
		return still;
	}

}
