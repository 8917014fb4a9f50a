package io.github.threadleaks.sample.leaks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The threads a client library started for the sample app, so that a pattern can count
 * and await them.
 */
final class RecordedThreads {

	private final List<Thread> threads = new CopyOnWriteArrayList<>();

	/** The given factory, remembering each thread it makes. */
	ThreadFactory recording(ThreadFactory factory) {
		return (task) -> {
			Thread thread = factory.newThread(task);
			this.threads.add(thread);
			return thread;
		};
	}

	void add(Thread thread) {
		this.threads.add(thread);
	}

	/** The threads recorded from {@code from} on. */
	List<Thread> since(int from) {
		return List.copyOf(this.threads.subList(from, this.threads.size()));
	}

	int recorded() {
		return this.threads.size();
	}

	int alive() {
		return (int) this.threads.stream().filter(Thread::isAlive).count();
	}

	/** Waits at most {@code timeout} for the recorded threads to end. */
	void awaitEndedWithin(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			for (Thread thread : this.threads) {
				thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Shuts the threads' owner down, waits up to ten seconds for every recorded thread to
	 * end, then forgets the ended ones; returns how many ended. They are counted before
	 * the shutdown, which may end some at once.
	 */
	int release(Runnable shutdown) {
		int alive = alive();
		shutdown.run();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		try {
			for (Thread thread : this.threads) {
				thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.threads.removeIf((thread) -> !thread.isAlive());
		return alive - alive();
	}

}
