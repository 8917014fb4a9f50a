package io.github.threadleaks.sample.virtual;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

import io.github.threadleaks.sample.leaks.Await;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The forgotten sender on virtual threads: each request fans out to 3 virtual threads
 * that {@code SynchronousQueue.put} a result, takes the first and forgets the other 2,
 * which stay parked for good. The threads are started by one virtual-thread-per-task
 * executor, which the thread dump names as their container. Releases them when the
 * application stops.
 */
@Component
public class VirtualForgottenSender implements DisposableBean {

	/** The most virtual threads this leak may hold at once. */
	public static final int MAX_LEAKED_THREADS = 20_000;

	private final List<Thread> leaked = new ArrayList<>();

	private @Nullable ExecutorService executor;

	/**
	 * Leaks what {@code requests} requests leak: 2 virtual threads each; returns how many
	 * are leaked in all.
	 */
	public synchronized int leak(int requests) throws InterruptedException {
		if (alive() + 2 * requests > MAX_LEAKED_THREADS) {
			throw new IllegalStateException("At most " + MAX_LEAKED_THREADS + " leaked virtual threads; " + alive()
					+ " are leaked, " + 2 * requests + " more asked for");
		}
		if (this.executor == null) {
			this.executor = VirtualThreadExecutors.newPerTaskExecutor();
		}
		for (int i = 0; i < requests; i++) {
			leakOnce(this.executor);
		}
		return alive();
	}

	private void leakOnce(ExecutorService executor) throws InterruptedException {
		SynchronousQueue<Thread> results = new SynchronousQueue<>();
		List<Thread> replicas = new CopyOnWriteArrayList<>();
		CountDownLatch started = new CountDownLatch(3);
		for (int i = 0; i < 3; i++) {
			executor.execute(() -> {
				replicas.add(Thread.currentThread());
				started.countDown();
				try {
					results.put(Thread.currentThread());
				}
				catch (InterruptedException ex) {
					// Released.
				}
			});
		}
		started.await();
		Thread answered = results.take();
		answered.join();
		for (Thread replica : replicas) {
			if (replica != answered) {
				// Parked in put: nothing but a take() or an interrupt wakes it, so it is
				// WAITING only there.
				Await.state(replica, Thread.State.WAITING);
				this.leaked.add(replica);
			}
		}
	}

	/** How many leaked virtual threads are alive. */
	public synchronized int alive() {
		this.leaked.removeIf((thread) -> !thread.isAlive());
		return this.leaked.size();
	}

	/**
	 * Interrupts every leaked thread and waits for each to end; returns how many there
	 * were.
	 */
	public synchronized int release() throws InterruptedException {
		List<Thread> ending = new ArrayList<>(this.leaked);
		this.leaked.clear();
		ending.forEach(Thread::interrupt);
		for (Thread thread : ending) {
			thread.join();
		}
		return ending.size();
	}

	@Override
	public synchronized void destroy() throws InterruptedException {
		release();
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor.awaitTermination(10, TimeUnit.SECONDS);
		}
	}

}
