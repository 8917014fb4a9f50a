package io.github.threadleaks.junit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.github.threadleaks.core.GroupDetail;
import io.github.threadleaks.core.MemberThread;

/**
 * The linger's and the grace's wait: joins a check's leftover threads, so that it returns
 * as soon as they end, without reading any stack; and what their states say.
 */
final class LeftoverJoin {

	private LeftoverJoin() {
	}

	/**
	 * Joins the leftover threads until each has ended or the round is over. Returns
	 * {@code false} if the calling thread was interrupted: a flag left set by the test
	 * must not cut the linger short, so the wait goes on and the flag is set again at the
	 * end.
	 */
	static boolean awaitEnd(List<GroupDetail> leftovers, long roundEndNanos) {
		Set<Long> ids = new HashSet<>();
		for (GroupDetail group : leftovers) {
			for (MemberThread member : group.threads()) {
				ids.add(member.id());
			}
		}
		boolean interrupted = false;
		List<Thread> joinable = liveThreads(ids);
		for (Thread thread : joinable) {
			long left = roundEndNanos - System.nanoTime();
			if (left <= 0) {
				break;
			}
			try {
				thread.join(TimeUnit.NANOSECONDS.toMillis(left), (int) (left % 1_000_000));
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		long left = roundEndNanos - System.nanoTime();
		if (joinable.size() < ids.size() && left > 0) {
			// A thread without a Thread object to join, or one that ended meanwhile: wait
			// out the round, not spin.
			LockSupport.parkNanos(left);
		}
		return !interrupted;
	}

	/**
	 * Whether every leftover thread is in an untimed wait (a park, a wait or a join
	 * without timeout): none of them ends by itself or wakes another.
	 */
	static boolean allWaitUntimed(List<GroupDetail> leftovers) {
		for (GroupDetail group : leftovers) {
			for (MemberThread member : group.threads()) {
				if (member.state() != Thread.State.WAITING) {
					return false;
				}
			}
		}
		return true;
	}

	/** The live platform threads with the given ids, found without walking any stack. */
	@SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; this code runs on
										// 17.
	static List<Thread> liveThreads(Set<Long> ids) {
		ThreadGroup root = Thread.currentThread().getThreadGroup();
		while (root.getParent() != null) {
			root = root.getParent();
		}
		Thread[] all = new Thread[root.activeCount() + 16];
		int count;
		while ((count = root.enumerate(all, true)) == all.length) {
			all = new Thread[all.length * 2];
		}
		List<Thread> found = new ArrayList<>(ids.size());
		for (int i = 0; i < count; i++) {
			if (ids.contains(all[i].getId())) {
				found.add(all[i]);
			}
		}
		return found;
	}

	/**
	 * The ids of the leftover threads in a timed wait: a sleep, a timed park or a timed
	 * wait.
	 */
	static Set<Long> timedWaiters(List<GroupDetail> leftovers) {
		Set<Long> ids = new HashSet<>();
		for (GroupDetail group : leftovers) {
			for (MemberThread member : group.threads()) {
				if (member.state() == Thread.State.TIMED_WAITING) {
					ids.add(member.id());
				}
			}
		}
		return ids;
	}

	/**
	 * How many of the leftovers were in a timed wait when the linger ended, and so had
	 * the extra grace.
	 */
	static int stillAlive(List<GroupDetail> leftovers, Set<Long> timedWaiters) {
		int count = 0;
		for (GroupDetail group : leftovers) {
			for (MemberThread member : group.threads()) {
				if (timedWaiters.contains(member.id())) {
					count++;
				}
			}
		}
		return count;
	}

}
