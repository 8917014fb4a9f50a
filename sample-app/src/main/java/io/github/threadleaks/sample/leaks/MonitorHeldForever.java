package io.github.threadleaks.sample.leaks;

import java.util.concurrent.CountDownLatch;

/**
 * Go: a mutex held by a goroutine that never returns. JVM: a thread holds a
 * {@code synchronized} monitor while it waits for something that never comes; every
 * reader piles up BLOCKED on the monitor.
 */
final class MonitorHeldForever implements LeakPattern {

	private final LeakedThreads threads = new LeakedThreads("cache-reader");

	private final LeakedThreads holders = new LeakedThreads("cache-refresher");

	private final Object cache = new Object();

	private CountDownLatch refreshed = new CountDownLatch(1);

	private boolean holderRunning;

	@Override
	public String id() {
		return "monitor-held-forever";
	}

	@Override
	public String description() {
		return "a refresher holds a synchronized monitor while it waits forever; readers pile up BLOCKED "
				+ "(Go: mutex held forever)";
	}

	@Override
	public int threadsPerRequest() {
		return 1;
	}

	@Override
	public synchronized void leakOnce() throws InterruptedException {
		if (!this.holderRunning) {
			CountDownLatch done = this.refreshed;
			Thread holder = this.holders.start(() -> {
				synchronized (this.cache) {
					awaitQuietly(done);
				}
			});
			Await.state(holder, Thread.State.WAITING);
			this.holderRunning = true;
		}
		Thread reader = this.threads.start(() -> {
			synchronized (this.cache) {
				this.cache.hashCode();
			}
		});
		Await.state(reader, Thread.State.BLOCKED);
	}

	@Override
	public int leaked() {
		return this.threads.alive();
	}

	@Override
	public synchronized int release() {
		this.refreshed.countDown();
		this.refreshed = new CountDownLatch(1);
		this.holderRunning = false;
		this.holders.joinAll();
		return this.threads.joinAll();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
