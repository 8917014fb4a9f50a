package io.github.threadleaks.sample.workloads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A pool that grows with its load: each call adds workers and then gives every worker a
 * task, so the count rises call after call while every member keeps making progress.
 */
final class GrowingPool implements Workload {

	private static final int MAX_WORKERS = 500;

	private final List<BlockingQueue<Runnable>> inboxes = new ArrayList<>();

	private final List<Thread> workers = new ArrayList<>();

	@Override
	public String id() {
		return "growing-pool";
	}

	@Override
	public String description() {
		return "each call adds N workers and gives every worker a task: it grows with load, its workers keep "
				+ "working, so it is not a leak";
	}

	@Override
	public int maxSize() {
		return 50;
	}

	@Override
	public synchronized void run(int size) throws InterruptedException {
		if (this.workers.size() + size > MAX_WORKERS) {
			throw new WorkloadCapExceededException("The growing pool holds " + this.workers.size() + " workers; " + size
					+ " more would pass its cap of " + MAX_WORKERS + "; stop it with DELETE /workloads");
		}
		for (int i = 0; i < size; i++) {
			BlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
			Thread worker = new Thread(() -> serve(inbox), "growing-pool-" + (this.workers.size() + 1));
			worker.setDaemon(true);
			this.inboxes.add(inbox);
			this.workers.add(worker);
			worker.start();
		}
		CountDownLatch done = new CountDownLatch(this.inboxes.size());
		for (BlockingQueue<Runnable> inbox : this.inboxes) {
			inbox.put(done::countDown);
		}
		done.await();
	}

	private static void serve(BlockingQueue<Runnable> inbox) {
		try {
			while (true) {
				inbox.take().run();
			}
		}
		catch (InterruptedException ex) {
			// Stopped.
		}
	}

	@Override
	public synchronized int threads() {
		return (int) this.workers.stream().filter(Thread::isAlive).count();
	}

	@Override
	public synchronized void stop() {
		this.workers.forEach(Thread::interrupt);
		boolean interrupted = false;
		for (Thread worker : this.workers) {
			// Joins every worker even if this thread is interrupted, so that none
			// outlives stop().
			while (worker.isAlive()) {
				try {
					worker.join();
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
		}
		this.workers.clear();
		this.inboxes.clear();
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

}
