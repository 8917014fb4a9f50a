package io.github.threadleaks.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Batches of real threads that never repeat: each has a name of its own (letters only,
 * since digits are folded when grouping) and a stack of its own (a recursion through
 * {@link #left} and {@link #right} chosen by the bits of its serial number,
 * {@value #STACK_BITS} levels deep, so 2^{@value #STACK_BITS} distinct stacks). Each
 * batch parks on a latch until it is released and joined.
 */
final class ChurningThreads {

	/** Recursion levels chosen by the serial number's bits. */
	static final int STACK_BITS = 16;

	static final String NAME_PREFIX = BlockedThreads.NAME_PREFIX + "churn-";

	private long next;

	private List<Thread> batch = List.of();

	private CountDownLatch release = new CountDownLatch(0);

	/**
	 * Starts {@code size} new threads and waits until each is parked at the bottom of its
	 * recursion.
	 */
	List<Thread> startBatch(int size) {
		this.release = new CountDownLatch(1);
		CountDownLatch latch = this.release;
		List<Thread> started = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			long serial = this.next++;
			// A small stack is plenty for 16 frames, and lets a soak start many threads
			// on a small machine.
			Thread thread = new Thread(null, () -> left(serial, 0, latch), NAME_PREFIX + letters(serial), 256 * 1024);
			thread.setDaemon(true);
			thread.start();
			started.add(thread);
		}
		this.batch = started;
		BlockedThreads.awaitState(started, Thread.State.WAITING, "java.util.concurrent.CountDownLatch.await");
		return started;
	}

	/** Releases the current batch and waits until every thread of it has ended. */
	void endBatch() {
		this.release.countDown();
		BlockedThreads.awaitEnded(this.batch);
	}

	/**
	 * How many threads have been started so far, each with a name and a stack of its own.
	 */
	long started() {
		return this.next;
	}

	/**
	 * The serial number in letters: {@code a}, {@code b}, ..., {@code z}, {@code ba}, ...
	 */
	static String letters(long serial) {
		StringBuilder text = new StringBuilder();
		long rest = serial;
		do {
			text.append((char) ('a' + (rest % 26)));
			rest /= 26;
		}
		while (rest > 0);
		return text.reverse().toString();
	}

	private static void left(long serial, int level, CountDownLatch release) {
		descend(serial, level, release);
	}

	private static void right(long serial, int level, CountDownLatch release) {
		descend(serial, level, release);
	}

	private static void descend(long serial, int level, CountDownLatch release) {
		if (level == STACK_BITS) {
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return;
		}
		if (((serial >> level) & 1) == 0) {
			left(serial, level + 1, release);
		}
		else {
			right(serial, level + 1, release);
		}
	}

}
