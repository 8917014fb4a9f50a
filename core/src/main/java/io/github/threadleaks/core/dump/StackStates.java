package io.github.threadleaks.core.dump;

import java.util.List;

import io.github.threadleaks.core.StackFrame;
import org.jspecify.annotations.Nullable;

/**
 * A thread's state where a dump gives none (JSON dumps before JDK 25): read from the top
 * frames, where a waiting thread sits in a known JDK method.
 */
final class StackStates {

	/** Frames of the top of a stack that can tell a waiting thread's state. */
	private static final int STATE_FRAMES = 4;

	private StackStates() {
	}

	/**
	 * The dump's state; where it has none, read from where the thread sits (a
	 * {@code Unsafe.park} is timed or not as the frame below it says).
	 */
	static Thread.State stateOf(@Nullable String state, List<StackFrame> stack) {
		if (state != null) {
			try {
				return Thread.State.valueOf(state);
			}
			catch (IllegalArgumentException ex) {
				// A state this JDK does not know: read it from the stack.
			}
		}
		for (int i = 0; i < Math.min(STATE_FRAMES, stack.size()); i++) {
			StackFrame frame = stack.get(i);
			String type = frame.className();
			String method = frame.methodName();
			if (type.equals("java.lang.Thread") && method.startsWith("sleep")
					|| type.equals("java.lang.VirtualThread")
							&& (method.equals("parkNanos") || method.startsWith("sleep"))
					|| type.equals("java.util.concurrent.locks.LockSupport") && !method.equals("park")
							&& method.startsWith("park")) {
				return Thread.State.TIMED_WAITING;
			}
			if (type.equals("java.lang.VirtualThread") && method.equals("park")
					|| type.equals("java.util.concurrent.locks.LockSupport") && method.equals("park")
					|| type.equals("java.lang.Object") && method.startsWith("wait")) {
				return Thread.State.WAITING;
			}
		}
		return Thread.State.RUNNABLE;
	}

}
