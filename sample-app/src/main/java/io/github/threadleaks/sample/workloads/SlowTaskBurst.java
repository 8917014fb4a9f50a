package io.github.threadleaks.sample.workloads;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.github.threadleaks.core.ThreadLeakListener;
import io.github.threadleaks.core.ThreadLeakReport;

import org.springframework.stereotype.Component;

/**
 * A cached pool ramping up under slow tasks: each call gives it N tasks that each hold
 * their worker, still, for two or three samples of threadleaks (2 to 3 s in the app), so
 * the pool grows call after call while its members sit still between samples; once calls
 * stop, the tasks end and idle workers end after a second: it shrinks back. The tasks'
 * length is counted in samples, so that a test driving its own samples sees the same
 * burst as the app.
 */
@Component
public class SlowTaskBurst implements Workload, ThreadLeakListener {

	/** How long an idle worker lives. */
	private static final long KEEP_ALIVE_MILLIS = 1000;

	private ThreadPoolExecutor pool = newPool();

	/**
	 * Tasks waiting for their last sample, with the number of the sample that ends them.
	 * Guarded by this.
	 */
	private final List<Holding> holding = new ArrayList<>();

	private long samples;

	private int nextLength = 2;

	@Override
	public String id() {
		return "slow-task-burst";
	}

	@Override
	public String description() {
		return "a cached pool gets N tasks that each sit still for 2 or 3 samples: it ramps up, then shrinks back";
	}

	@Override
	public int maxSize() {
		return 200;
	}

	/** Gives the pool its tasks and returns once each sits in its wait. */
	@Override
	public void run(int size) throws InterruptedException {
		CountDownLatch waiting = new CountDownLatch(size);
		for (int i = 0; i < size; i++) {
			CountDownLatch release = new CountDownLatch(1);
			synchronized (this) {
				this.holding.add(new Holding(this.samples + this.nextLength, release));
				// Two samples, then three, then two: the lengths of a burst of slow
				// calls.
				this.nextLength = 5 - this.nextLength;
			}
			pool().execute(() -> holdUntilReleased(waiting, release));
		}
		waiting.await();
	}

	private static void holdUntilReleased(CountDownLatch waiting, CountDownLatch release) {
		waiting.countDown();
		try {
			release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Ends the tasks whose last sample this was. */
	@Override
	public synchronized void sampled(ThreadLeakReport report) {
		this.samples++;
		Iterator<Holding> tasks = this.holding.iterator();
		while (tasks.hasNext()) {
			Holding task = tasks.next();
			if (task.lastSample() <= this.samples) {
				task.release().countDown();
				tasks.remove();
			}
		}
	}

	@Override
	public int threads() {
		return pool().getPoolSize();
	}

	@Override
	public void stop() {
		ThreadPoolExecutor stopped;
		synchronized (this) {
			this.holding.forEach((task) -> task.release().countDown());
			this.holding.clear();
			stopped = this.pool;
			this.pool = newPool();
		}
		Pools.shutdownAndWait(stopped);
	}

	private synchronized ThreadPoolExecutor pool() {
		return this.pool;
	}

	private static ThreadPoolExecutor newPool() {
		return new ThreadPoolExecutor(0, Integer.MAX_VALUE, KEEP_ALIVE_MILLIS, TimeUnit.MILLISECONDS,
				new SynchronousQueue<>(), new NamedThreads("slow-task"));
	}

	/** A task holding its worker until the given sample. */
	private record Holding(long lastSample, CountDownLatch release) {
	}

}
