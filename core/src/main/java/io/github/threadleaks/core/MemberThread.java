package io.github.threadleaks.core;

/**
 * One member of a stack group.
 *
 * @param id the thread id
 * @param name the thread's own name, not normalized
 * @param state the thread state
 * @param daemon whether the thread is a daemon
 * @param stuckForMillis how long the thread has sat in this exact place without progress
 * @param deadlocked whether the JVM reports the thread deadlocked
 * @since 0.1.0
 */
public record MemberThread(long id, String name, Thread.State state, boolean daemon, long stuckForMillis,
		boolean deadlocked) {
}
