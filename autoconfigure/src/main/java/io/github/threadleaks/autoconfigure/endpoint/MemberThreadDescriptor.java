package io.github.threadleaks.autoconfigure.endpoint;

import io.github.threadleaks.core.MemberThread;

/**
 * One member thread of a stack group.
 *
 * @param id the thread id
 * @param name the thread's own name
 * @param state the thread state ({@code WAITING})
 * @param daemon whether the thread is a daemon
 * @param stuckForMillis how long the thread has sat in this exact place
 * @param deadlocked whether the JVM reports the thread deadlocked
 * @since 0.1.0
 */
public record MemberThreadDescriptor(long id, String name, String state, boolean daemon, long stuckForMillis,
		boolean deadlocked) {

	static MemberThreadDescriptor of(MemberThread thread) {
		return new MemberThreadDescriptor(thread.id(), thread.name(), thread.state().name(), thread.daemon(),
				thread.stuckForMillis(), thread.deadlocked());
	}

}
