package io.github.threadleaks.sample.workloads;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A cached pool under bursts: each call runs N overlapping tasks, so the pool grows to N
 * threads, and idle threads end after two seconds, so it shrinks again.
 */
final class BurstyCachedPool implements Workload {

	private ThreadPoolExecutor pool = newPool();

	@Override
	public String id() {
		return "bursty-cached-pool";
	}

	@Override
	public String description() {
		return "a cached pool runs N overlapping tasks, growing to N threads, which end after 2 s idle: "
				+ "it shrinks back";
	}

	@Override
	public int maxSize() {
		return 500;
	}

	@Override
	public synchronized void run(int size) throws InterruptedException {
		ThreadPoolExecutor pool = pool();
		CountDownLatch started = new CountDownLatch(size);
		CountDownLatch finished = new CountDownLatch(size);
		for (int i = 0; i < size; i++) {
			pool.execute(() -> {
				started.countDown();
				try {
					// Overlap: every task runs until all have started, so the burst needs
					// N threads at once.
					started.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finally {
					finished.countDown();
				}
			});
		}
		finished.await();
	}

	@Override
	public int threads() {
		return pool().getPoolSize();
	}

	@Override
	public synchronized void stop() {
		Pools.shutdownAndWait(this.pool);
		this.pool = newPool();
	}

	private synchronized ThreadPoolExecutor pool() {
		return this.pool;
	}

	private static ThreadPoolExecutor newPool() {
		return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 2, TimeUnit.SECONDS, new SynchronousQueue<>(),
				new NamedThreads("cached-pool"));
	}

}
