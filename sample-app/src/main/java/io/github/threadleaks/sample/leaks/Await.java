package io.github.threadleaks.sample.leaks;

import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Waits, for at most ten seconds, until a thread is in place, so that a request returns
 * only once its leak is: the threads it leaves behind blocked for good, the others ended.
 */
public final class Await {

	private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

	private Await() {
	}

	/** Waits until the thread is in the given state. */
	public static void state(Thread thread, Thread.State state) throws InterruptedException {
		until(thread, (candidate) -> candidate.getState() == state, "reach " + state);
	}

	/**
	 * Waits until the thread sits in a blocking read of a socket: RUNNABLE, in native
	 * code, under {@code InputStream.read}. Its state alone cannot tell that from the
	 * code that leads there.
	 */
	static void inSocketRead(Thread thread) throws InterruptedException {
		until(thread, Await::isInSocketRead, "block in a socket read");
	}

	/**
	 * Waits until the thread waits in an NIO selector (an event loop, an HTTP client's
	 * I/O reactor): RUNNABLE, in the selector's native wait.
	 */
	static void inSelector(Thread thread) throws InterruptedException {
		until(thread, Await::isInSelector, "wait in a selector");
	}

	private static boolean isInSelector(Thread thread) {
		if (thread.getState() != Thread.State.RUNNABLE) {
			return false;
		}
		StackTraceElement[] frames = thread.getStackTrace();
		return frames.length > 0 && frames[0].isNativeMethod() && frames[0].getClassName().startsWith("sun.nio.ch.");
	}

	private static void until(Thread thread, Predicate<Thread> inPlace, String what) throws InterruptedException {
		long deadline = System.nanoTime() + TIMEOUT_NANOS;
		while (!inPlace.test(thread)) {
			// Tested again once ended: the thread may have ended between the two reads,
			// and ending may be the goal.
			if (thread.getState() == Thread.State.TERMINATED && !inPlace.test(thread)) {
				throw new IllegalStateException(thread.getName() + " ended before it could " + what);
			}
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException(
						thread.getName() + " did not " + what + " within 10 s; it is " + thread.getState());
			}
			if (Thread.interrupted()) {
				throw new InterruptedException();
			}
			Thread.onSpinWait();
			Thread.yield();
		}
	}

	private static boolean isInSocketRead(Thread thread) {
		if (thread.getState() != Thread.State.RUNNABLE) {
			return false;
		}
		StackTraceElement[] frames = thread.getStackTrace();
		if (frames.length == 0 || !frames[0].isNativeMethod()) {
			return false;
		}
		for (StackTraceElement frame : frames) {
			if (frame.getClassName().startsWith("java.net.Socket") && frame.getMethodName().equals("read")) {
				return true;
			}
		}
		return false;
	}

}
