package io.github.threadleaks.sample.workloads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Small helpers shared by the pool workloads. */
final class Pools {

	private Pools() {
	}

	/** Runs {@code tasks} trivial tasks on the pool and waits for all of them. */
	static void runTasks(ExecutorService pool, int tasks) throws InterruptedException {
		List<Future<Integer>> results = new ArrayList<>(tasks);
		for (int i = 0; i < tasks; i++) {
			int n = i;
			results.add(pool.submit(() -> n * n));
		}
		for (Future<Integer> result : results) {
			try {
				result.get();
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	static void shutdownAndWait(ExecutorService pool) {
		pool.shutdownNow();
		try {
			pool.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
