package io.github.threadleaks.core.dump;

import java.util.List;

import io.github.threadleaks.core.StackFrame;
import org.jspecify.annotations.Nullable;

/**
 * One Java thread as a thread dump shows it.
 *
 * @param id the Java thread id ({@code #12} in jstack text, {@code tid} in JSON)
 * @param name the thread name as the dump writes it (control characters kept)
 * @param state the thread state: the dump's own, or read from the top frames where the
 * dump has none
 * @param daemon whether the thread is a daemon (JSON dumps do not say: there, whether it
 * is virtual)
 * @param virtual whether the thread is a virtual thread
 * @param lockName the object it waits on or is blocked on, or {@code null}: its class in
 * text dumps (an address there changes whenever the garbage collector moves the object),
 * {@code class@identityHash} in JSON dumps
 * @param frames the stack, top first, at most the depth the reader keeps
 * @param fingerprint a hash of the state and every frame (the whole stack): equal in two
 * dumps when the thread sat in the same place
 * @param container for JSON dumps, the thread container (an executor's class, its
 * identity hash left out), or {@code null}
 * @since 0.1.0
 */
public record DumpedThread(long id, String name, Thread.State state, boolean daemon, boolean virtual,
		@Nullable String lockName, List<StackFrame> frames, long fingerprint, @Nullable String container) {
}
