package io.github.threadleaks.sample.leaks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads one pattern has leaked, so that they can be counted, and ended on release
 * or shutdown. Threads are named {@code <prefix>-<n>}, as a real pool would name them.
 */
final class LeakedThreads {

	private final String prefix;

	private final AtomicInteger sequence = new AtomicInteger();

	private final List<Thread> threads = new ArrayList<>();

	LeakedThreads(String prefix) {
		this.prefix = prefix;
	}

	/**
	 * Starts a daemon thread running {@code body}; daemon so that a leak never keeps the
	 * JVM from exiting.
	 */
	synchronized Thread start(Runnable body) {
		Thread thread = new Thread(body, this.prefix + "-" + this.sequence.incrementAndGet());
		thread.setDaemon(true);
		this.threads.add(thread);
		thread.start();
		return thread;
	}

	synchronized int alive() {
		this.threads.removeIf((thread) -> !thread.isAlive());
		return this.threads.size();
	}

	/** Interrupts every thread and waits for each to end; returns how many there were. */
	int interruptAndJoin() {
		List<Thread> ending = takeAll();
		ending.forEach(Thread::interrupt);
		return join(ending);
	}

	/**
	 * Waits for every thread to end (after the caller has unblocked them); returns how
	 * many there were.
	 */
	int joinAll() {
		return join(takeAll());
	}

	private synchronized List<Thread> takeAll() {
		List<Thread> all = new ArrayList<>(this.threads);
		this.threads.clear();
		return all;
	}

	private static int join(List<Thread> threads) {
		for (Thread thread : threads) {
			joinUninterruptibly(thread);
		}
		return threads.size();
	}

	private static void joinUninterruptibly(Thread thread) {
		boolean interrupted = false;
		while (true) {
			try {
				thread.join();
				break;
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

}
