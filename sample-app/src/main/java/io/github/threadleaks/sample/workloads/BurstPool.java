package io.github.threadleaks.sample.workloads;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * A pool that warms up in one burst (all threads at once) and then stays flat while it
 * serves work.
 */
final class BurstPool implements Workload {

	private @Nullable ThreadPoolExecutor pool;

	@Override
	public String id() {
		return "burst-pool";
	}

	@Override
	public String description() {
		return "the first call starts a pool of N threads in one burst; later calls give it N tasks. It jumps once, "
				+ "then stays flat: not a leak";
	}

	@Override
	public int maxSize() {
		return 500;
	}

	@Override
	public synchronized void run(int size) throws InterruptedException {
		if (this.pool == null) {
			this.pool = new ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
					new NamedThreads("burst-pool"));
			this.pool.prestartAllCoreThreads();
		}
		Pools.runTasks(this.pool, size);
	}

	@Override
	public synchronized int threads() {
		return (this.pool != null) ? this.pool.getPoolSize() : 0;
	}

	@Override
	public synchronized void stop() {
		if (this.pool != null) {
			Pools.shutdownAndWait(this.pool);
			this.pool = null;
		}
	}

}
