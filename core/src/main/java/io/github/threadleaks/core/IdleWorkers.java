package io.github.threadleaks.core;

import java.util.List;
import java.util.Set;

/**
 * Recognises idle pool workers waiting with a timeout for their next task: the
 * {@code poll(timeout)} of a pool's task queue, called from where the pool asks for work
 * ({@code ThreadPoolExecutor.getTask}, Tomcat's copy of it, Jetty's
 * {@code QueuedThreadPool$Runner.idleJobPoll}). Such a worker ends by itself once its
 * pool's keep-alive passes without work, so however long it sits still it is not leaked.
 * A worker that waits without a timeout ({@code take}, a fixed pool's core workers, a
 * scheduled executor's {@code DelayedWorkQueue.take}) is never reclaimed.
 */
final class IdleWorkers {

	/** The methods where a pool asks its queue for the next task. */
	private static final Set<String> TASK_REQUESTS = Set.of("getTask", "idleJobPoll");

	private IdleWorkers() {
	}

	/**
	 * Whether threads in this state on these frames (top first, as
	 * {@code class.method(File.java:12)}) are idle workers in a timed poll for their next
	 * task.
	 */
	static boolean awaitTaskWithTimeout(Thread.State state, List<String> frames) {
		if (state != Thread.State.TIMED_WAITING) {
			return false;
		}
		for (int i = 1; i < frames.size(); i++) {
			if (TASK_REQUESTS.contains(methodName(frames.get(i))) && "poll".equals(methodName(frames.get(i - 1)))) {
				return true;
			}
		}
		return false;
	}

	private static String methodName(String frame) {
		int end = frame.indexOf('(');
		String qualified = (end >= 0) ? frame.substring(0, end) : frame;
		return qualified.substring(qualified.lastIndexOf('.') + 1);
	}

}
