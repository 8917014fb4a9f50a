package io.github.threadleaks.core;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The platform threads of this JVM, read through {@link ThreadMXBean}. The census is
 * {@code getThreadInfo(ids, 0)}: state, lock and counters without any stack walk; CPU
 * time is read in bulk for the runnable threads only. Virtual threads are not visible to
 * this source.
 *
 * @since 0.1.0
 */
public final class JvmThreadSource implements ThreadSource {

	/** The most threads walked in one call. */
	static final int STACK_BATCH = 256;

	private final ThreadMXBean threads;

	private final com.sun.management.@Nullable ThreadMXBean bulkCpuTime;

	/**
	 * The source over this JVM's {@link ManagementFactory#getThreadMXBean()
	 * ThreadMXBean}.
	 */
	public JvmThreadSource() {
		this(ManagementFactory.getThreadMXBean());
	}

	/**
	 * The source over the given {@link ThreadMXBean}: another JVM's, through a JMX
	 * connection, gives the same census as in-process.
	 * @param threads the thread MXBean to read
	 * @since 0.1.0
	 */
	public JvmThreadSource(ThreadMXBean threads) {
		this.threads = threads;
		this.bulkCpuTime = (threads instanceof com.sun.management.ThreadMXBean extended) ? extended : null;
	}

	@Override
	public List<ThreadCensus> census() {
		ThreadInfo[] infos = this.threads.getThreadInfo(this.threads.getAllThreadIds(), 0);
		long[] cpuTimes = cpuTimesOfRunnable(infos);
		List<ThreadCensus> census = new ArrayList<>(infos.length);
		for (int i = 0; i < infos.length; i++) {
			ThreadInfo info = infos[i];
			if (info != null) {
				census.add(new ThreadCensus(info.getThreadId(), info.getThreadName(), info.getThreadState(),
						info.isDaemon(), info.getLockName(), info.getLockOwnerId(), info.getLockOwnerName(),
						info.getWaitedCount(), info.getBlockedCount(), cpuTimes[i]));
			}
		}
		return census;
	}

	/**
	 * CPU time of each runnable thread (the only ones for which stillness needs it), -1
	 * for the rest.
	 */
	private long[] cpuTimesOfRunnable(ThreadInfo[] infos) {
		long[] cpuTimes = new long[infos.length];
		Arrays.fill(cpuTimes, -1);
		if (!cpuTimeAvailable()) {
			return cpuTimes;
		}
		// Sized for the runnable threads only: most threads of a leaking service wait.
		int runnable = 0;
		for (ThreadInfo info : infos) {
			if (info != null && info.getThreadState() == Thread.State.RUNNABLE) {
				runnable++;
			}
		}
		long[] ids = new long[runnable];
		int[] positions = new int[runnable];
		for (int i = 0, next = 0; i < infos.length && next < runnable; i++) {
			if (infos[i] != null && infos[i].getThreadState() == Thread.State.RUNNABLE) {
				ids[next] = infos[i].getThreadId();
				positions[next++] = i;
			}
		}
		long[] measured = measureCpuTime(ids);
		for (int i = 0; i < runnable; i++) {
			cpuTimes[positions[i]] = measured[i];
		}
		return cpuTimes;
	}

	private boolean cpuTimeAvailable() {
		try {
			return this.threads.isThreadCpuTimeSupported() && this.threads.isThreadCpuTimeEnabled();
		}
		catch (UnsupportedOperationException ex) {
			return false;
		}
	}

	private long[] measureCpuTime(long[] ids) {
		if (this.bulkCpuTime != null) {
			return this.bulkCpuTime.getThreadCpuTime(ids);
		}
		long[] times = new long[ids.length];
		for (int i = 0; i < ids.length; i++) {
			times[i] = this.threads.getThreadCpuTime(ids[i]);
		}
		return times;
	}

	@Override
	public Map<Long, List<StackFrame>> stacks(long[] threadIds, int maxDepth) {
		Map<Long, List<StackFrame>> stacks = new HashMap<>(threadIds.length * 2);
		// Stack walks pause the threads walked: in batches, no single pause grows with
		// the thread count.
		for (int from = 0; from < threadIds.length; from += STACK_BATCH) {
			long[] batch = Arrays.copyOfRange(threadIds, from, Math.min(threadIds.length, from + STACK_BATCH));
			for (ThreadInfo info : this.threads.getThreadInfo(batch, maxDepth)) {
				if (info != null) {
					stacks.put(info.getThreadId(), frames(info.getStackTrace()));
				}
			}
		}
		return stacks;
	}

	private static List<StackFrame> frames(StackTraceElement[] elements) {
		StackFrame[] frames = new StackFrame[elements.length];
		for (int i = 0; i < elements.length; i++) {
			frames[i] = StackFrame.of(elements[i]);
		}
		return List.of(frames);
	}

	@Override
	public long[] deadlockedThreadIds() {
		long[] ids = this.threads.findDeadlockedThreads();
		return (ids != null) ? ids : new long[0];
	}

}
