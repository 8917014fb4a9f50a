package io.github.threadleaks.core;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * What a census knows of one live thread without walking its stack: enough to tell
 * whether the thread has run since the previous census.
 *
 * @param id the thread id
 * @param name the thread name
 * @param state the thread state
 * @param daemon whether the thread is a daemon
 * @param lockName the lock the thread waits on or is blocked on ({@code class@identity}),
 * or {@code null}
 * @param lockOwnerId the id of the thread that owns that lock, or {@code -1}
 * @param lockOwnerName the name of the thread that owns that lock, or {@code null}
 * @param waitedCount how often the thread has waited or parked; rises whenever it wakes
 * up and waits again
 * @param blockedCount how often the thread has blocked on a monitor
 * @param cpuTimeNanos the thread's CPU time, or {@code -1} where not measured (it is
 * measured for {@link Thread.State#RUNNABLE} threads only, where the JVM supports it)
 * @since 0.1.0
 */
public record ThreadCensus(long id, String name, Thread.State state, boolean daemon, @Nullable String lockName,
		long lockOwnerId, @Nullable String lockOwnerName, long waitedCount, long blockedCount, long cpuTimeNanos) {

	/** Source of {@link #neverStill()}: counts down, one value per call. */
	private static final AtomicLong NEVER_STILL = new AtomicLong();

	/**
	 * A progress counter no earlier census repeats, for a thread with no evidence of
	 * standing still: a runnable virtual thread has no CPU time to tell spinning from
	 * stuck, and an empty stack says nothing of where it is.
	 */
	public static long neverStill() {
		return NEVER_STILL.decrementAndGet();
	}

	/**
	 * Whether this thread has certainly not run since {@code earlier}, a census of the
	 * same thread: it sits in the same state on the same lock, and its counters (for a
	 * runnable thread, its CPU time) did not move. A runnable thread without CPU time has
	 * no such evidence and is never proven still here.
	 */
	public boolean stillSince(ThreadCensus earlier) {
		if (this.state != earlier.state || this.waitedCount != earlier.waitedCount
				|| this.blockedCount != earlier.blockedCount || this.lockOwnerId != earlier.lockOwnerId
				|| !Objects.equals(this.lockName, earlier.lockName)) {
			return false;
		}
		if (this.state == Thread.State.RUNNABLE) {
			return this.cpuTimeNanos >= 0 && this.cpuTimeNanos == earlier.cpuTimeNanos;
		}
		return true;
	}

	/**
	 * Whether this runnable thread may have sat still since {@code earlier}: the same
	 * runnable state, lock and counters, and a CPU time that is not measured or grew by
	 * at most {@code maxCpuNanos}. Only an unchanged stack as well proves it still (an
	 * idle event loop waking on timers uses a little CPU in the same place).
	 */
	public boolean quietSince(ThreadCensus earlier, long maxCpuNanos) {
		if (this.state != Thread.State.RUNNABLE || earlier.state != Thread.State.RUNNABLE
				|| this.waitedCount != earlier.waitedCount || this.blockedCount != earlier.blockedCount
				|| this.lockOwnerId != earlier.lockOwnerId || !Objects.equals(this.lockName, earlier.lockName)) {
			return false;
		}
		return this.cpuTimeNanos < 0 || earlier.cpuTimeNanos < 0
				|| this.cpuTimeNanos - earlier.cpuTimeNanos <= maxCpuNanos;
	}

	/**
	 * Whether this thread stayed runnable since {@code earlier} and used more CPU than
	 * {@code maxCpuNanos}: it is working, so it is not still, whatever its stack.
	 */
	public boolean busySince(ThreadCensus earlier, long maxCpuNanos) {
		return this.state == Thread.State.RUNNABLE && earlier.state == Thread.State.RUNNABLE && this.cpuTimeNanos >= 0
				&& earlier.cpuTimeNanos >= 0 && this.cpuTimeNanos - earlier.cpuTimeNanos > maxCpuNanos;
	}

}
