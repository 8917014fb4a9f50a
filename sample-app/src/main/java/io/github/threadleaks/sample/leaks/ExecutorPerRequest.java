package io.github.threadleaks.sample.leaks;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The JVM classic: a request creates {@code Executors.newFixedThreadPool(2)}, uses it and never shuts it down; its
 * two idle workers ({@code pool-N-thread-M}) wait for work forever.
 */
final class ExecutorPerRequest implements LeakPattern {

	private final List<ExecutorService> executors = new CopyOnWriteArrayList<>();

	@Override
	public String id() {
		return "executor-per-request";
	}

	@Override
	public String description() {
		return "each request creates Executors.newFixedThreadPool(2), uses it and never calls shutdown()";
	}

	@Override
	public int threadsPerRequest() {
		return 2;
	}

	@Override
	public void leakOnce() throws InterruptedException {
		ExecutorService executor = createExecutor();
		this.executors.add(executor);
		try {
			Future<Integer> first = executor.submit(() -> 1);
			Future<Integer> second = executor.submit(() -> 2);
			first.get();
			second.get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
		// The bug: no executor.shutdown(). Return once both workers sit idle in the pool's queue.
		ThreadPoolExecutor pool = (ThreadPoolExecutor) executor;
		while (pool.getPoolSize() < 2 || pool.getActiveCount() > 0) {
			Thread.onSpinWait();
		}
	}

	/** Kept apart so that the creation site is one line of the sample app's code. */
	private static ExecutorService createExecutor() {
		return Executors.newFixedThreadPool(2);
	}

	@Override
	public int leaked() {
		int alive = 0;
		for (ExecutorService executor : this.executors) {
			alive += ((ThreadPoolExecutor) executor).getPoolSize();
		}
		return alive;
	}

	@Override
	public int release() {
		int released = leaked();
		for (ExecutorService executor : this.executors) {
			executor.shutdown();
		}
		for (ExecutorService executor : this.executors) {
			awaitTermination(executor);
		}
		this.executors.clear();
		return released;
	}

	private static void awaitTermination(ExecutorService executor) {
		try {
			while (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
				executor.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
