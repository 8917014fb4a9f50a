package io.github.threadleaks.sample.leaks;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The JVM classic: a request creates {@code Executors.newFixedThreadPool(2)}, uses it and
 * never shuts it down; its two idle workers ({@code pool-N-thread-M}) wait for work
 * forever.
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

	/**
	 * Creates the pool and gives it its tasks in one method: the pool starts its workers
	 * on the first two {@code submit} calls, so this method is where threadleaks'
	 * creation site says they were created.
	 */
	@Override
	public void leakOnce() throws InterruptedException {
		List<Thread> workers = new CopyOnWriteArrayList<>();
		ExecutorService executor = Executors.newFixedThreadPool(2, recording(workers));
		this.executors.add(executor);
		// One task after the other, so that each new worker finds the queue's lock free
		// and parks for work.
		for (int task = 0; task < 2; task++) {
			int number = task;
			awaitResult(executor.submit(() -> number));
			Await.state(workers.get(task), Thread.State.WAITING);
		}
		// The bug: no executor.shutdown(). Both workers wait in the pool's queue forever.
	}

	/**
	 * The default factory (threads named {@code pool-N-thread-M}), remembering each
	 * thread it creates.
	 */
	private static ThreadFactory recording(List<Thread> workers) {
		ThreadFactory defaults = Executors.defaultThreadFactory();
		return (task) -> {
			Thread worker = defaults.newThread(task);
			workers.add(worker);
			return worker;
		};
	}

	private static void awaitResult(Future<Integer> result) throws InterruptedException {
		try {
			result.get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
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
