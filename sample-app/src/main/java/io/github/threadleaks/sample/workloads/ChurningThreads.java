package io.github.threadleaks.sample.workloads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Threads that never repeat: each round starts N threads, each with a name of its own
 * (letters, since digits are folded when grouping) and a stack of its own (a recursion
 * through two methods chosen by the bits of its serial number), and ends the previous
 * round's. Every sample sees brand-new stack groups of one thread each, and the number of
 * groups tracked stays within {@code threadleaks.max-groups}: churn, not a leak.
 */
final class ChurningThreads implements Workload {

	private static final int STACK_BITS = 12;

	private long serial;

	private List<Thread> batch = List.of();

	private CountDownLatch release = new CountDownLatch(0);

	@Override
	public String id() {
		return "churning-threads";
	}

	@Override
	public String description() {
		return "starts N threads with ever-new names and stacks and ends the previous N: endless new stack groups, "
				+ "a flat thread count";
	}

	@Override
	public int maxSize() {
		return 500;
	}

	@Override
	public synchronized void run(int size) throws InterruptedException {
		CountDownLatch previous = this.release;
		List<Thread> ending = this.batch;
		this.release = new CountDownLatch(1);
		List<Thread> started = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			long number = this.serial++;
			CountDownLatch latch = this.release;
			Thread thread = new Thread(() -> left(number, 0, latch), "churner-" + letters(number));
			thread.setDaemon(true);
			thread.start();
			started.add(thread);
		}
		this.batch = started;
		previous.countDown();
		for (Thread thread : ending) {
			thread.join();
		}
	}

	@Override
	public synchronized int threads() {
		return (int) this.batch.stream().filter(Thread::isAlive).count();
	}

	@Override
	public synchronized void stop() {
		this.release.countDown();
		for (Thread thread : this.batch) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		this.batch = List.of();
	}

	/** The number in letters: {@code a}, {@code b}, ..., {@code z}, {@code ba}, ... */
	static String letters(long number) {
		StringBuilder text = new StringBuilder();
		long rest = number;
		do {
			text.append((char) ('a' + (rest % 26)));
			rest /= 26;
		}
		while (rest > 0);
		return text.reverse().toString();
	}

	private static void left(long number, int level, CountDownLatch release) {
		descend(number, level, release);
	}

	private static void right(long number, int level, CountDownLatch release) {
		descend(number, level, release);
	}

	private static void descend(long number, int level, CountDownLatch release) {
		if (level == STACK_BITS) {
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		else if (((number >> level) & 1) == 0) {
			left(number, level + 1, release);
		}
		else {
			right(number, level + 1, release);
		}
	}

}
