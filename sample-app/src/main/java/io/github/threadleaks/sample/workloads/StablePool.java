package io.github.threadleaks.sample.workloads;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;

import org.jspecify.annotations.Nullable;

/** A large pool of fixed size (200 threads), mostly idle: big, but never growing. */
final class StablePool implements Workload {

	private static final int SIZE = 200;

	private @Nullable ExecutorService pool;

	@Override
	public String id() {
		return "stable-pool";
	}

	@Override
	public String description() {
		return "a fixed pool of " + SIZE + " threads, started at once and given N tasks per call: large, not growing";
	}

	@Override
	public int maxSize() {
		return 10_000;
	}

	@Override
	public synchronized void run(int size) throws InterruptedException {
		if (this.pool == null) {
			ThreadPoolExecutor created = (ThreadPoolExecutor) Executors.newFixedThreadPool(SIZE,
					new NamedThreads("stable-pool"));
			created.prestartAllCoreThreads();
			this.pool = created;
		}
		Pools.runTasks(this.pool, size);
	}

	@Override
	public synchronized int threads() {
		return (this.pool != null) ? ((ThreadPoolExecutor) this.pool).getPoolSize() : 0;
	}

	@Override
	public synchronized void stop() {
		if (this.pool != null) {
			Pools.shutdownAndWait(this.pool);
			this.pool = null;
		}
	}

}
