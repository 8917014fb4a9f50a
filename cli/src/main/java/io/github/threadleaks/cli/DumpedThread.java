package io.github.threadleaks.cli;

import java.util.List;

import io.github.threadleaks.core.StackFrame;
import org.jspecify.annotations.Nullable;

/**
 * One Java thread as a thread dump shows it.
 *
 * @param id the Java thread id ({@code #12} in jstack text)
 * @param name the thread name
 * @param state the thread state
 * @param daemon whether the thread is a daemon
 * @param lockName the class of the object it waits on or is blocked on, or {@code null};
 * without its address, which changes whenever the garbage collector moves the object
 * @param frames the whole stack, top first
 * @param fingerprint a hash of the state and every frame: equal in two dumps when the
 * thread sat in the same place
 */
record DumpedThread(long id, String name, Thread.State state, boolean daemon, @Nullable String lockName,
		List<StackFrame> frames, long fingerprint) {
}
