package io.github.threadleaks.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.SynchronousQueue;

/**
 * A real leak that a test grows a thread at a time: threads blocked for ever in
 * {@link SynchronousQueue#put}, as when senders outnumber the receiver. They are daemons
 * named {@code prefix} and a number; {@link #release()} lets them end, {@link #close()}
 * ends them whatever state the test left them in. Shared with the other modules' tests
 * through this module's test-jar.
 */
public final class BlockedSenders implements AutoCloseable {

	private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);

	private final String prefix;

	private final SynchronousQueue<Object> queue = new SynchronousQueue<>();

	private final List<Thread> threads = new ArrayList<>();

	/**
	 * Senders named {@code prefix} and a number from 1 ({@code pool-} gives the group
	 * {@code pool-#}).
	 * @param prefix the start of every sender's name
	 */
	public BlockedSenders(String prefix) {
		this.prefix = prefix;
	}

	/**
	 * Starts {@code count} more senders and waits until each is parked in {@code put}.
	 * @param count how many
	 */
	public void leak(int count) {
		for (int i = 0; i < count; i++) {
			Thread thread = new Thread(this::put, this.prefix + (this.threads.size() + 1));
			thread.setDaemon(true);
			this.threads.add(thread);
			thread.start();
			awaitState(thread, Thread.State.WAITING);
		}
	}

	/** Takes what every sender puts, so that they end, and waits for them. */
	public void release() {
		try {
			// Each sender puts exactly once: as many takes as senders end them all.
			for (int i = 0; i < this.threads.size(); i++) {
				this.queue.take();
			}
			for (Thread thread : this.threads) {
				thread.join(JOIN_TIMEOUT.toMillis());
				if (thread.isAlive()) {
					throw new IllegalStateException(thread.getName() + " did not end");
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		this.threads.clear();
	}

	/** Interrupts the senders still alive and waits for them. */
	@Override
	public void close() {
		for (Thread thread : this.threads) {
			thread.interrupt();
		}
		try {
			for (Thread thread : this.threads) {
				thread.join(JOIN_TIMEOUT.toMillis());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.threads.clear();
	}

	private void put() {
		try {
			this.queue.put(Thread.currentThread().getName());
		}
		catch (InterruptedException ex) {
			// Ended by close().
		}
	}

	/**
	 * Waits, polling with yields and for at most ten seconds, until a thread is in a
	 * state.
	 * @param thread the thread
	 * @param state the state to wait for
	 */
	public static void awaitState(Thread thread, Thread.State state) {
		long deadline = System.nanoTime() + JOIN_TIMEOUT.toNanos();
		while (thread.getState() != state) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Timed out waiting for " + thread.getName() + " to be " + state);
			}
			Thread.onSpinWait();
			Thread.yield();
		}
	}

}
