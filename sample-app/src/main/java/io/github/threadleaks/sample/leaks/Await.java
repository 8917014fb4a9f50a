package io.github.threadleaks.sample.leaks;

import java.util.concurrent.TimeUnit;

/** Waits for a thread to reach a state, so that a request returns only once its leak is in place. */
final class Await {

	private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

	private Await() {
	}

	static void state(Thread thread, Thread.State... states) throws InterruptedException {
		long deadline = System.nanoTime() + TIMEOUT_NANOS;
		while (!matches(thread.getState(), states)) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(thread.getName() + " did not block; it is " + thread.getState());
			}
			if (Thread.interrupted()) {
				throw new InterruptedException();
			}
			Thread.onSpinWait();
			Thread.yield();
		}
	}

	private static boolean matches(Thread.State state, Thread.State[] states) {
		for (Thread.State candidate : states) {
			if (state == candidate) {
				return true;
			}
		}
		return false;
	}

}
