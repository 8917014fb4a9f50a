package io.github.threadleaks.core.virtual;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Virtual threads for tests compiled for Java 17: an executor that starts one per task,
 * reached by reflection, which records each thread so that tests can wait for their
 * states. {@link #close()} interrupts every task and waits for the threads to end.
 */
final class VirtualThreads implements AutoCloseable {

	private final ExecutorService executor;

	private final ConcurrentLinkedQueue<Thread> started = new ConcurrentLinkedQueue<>();

	VirtualThreads() {
		try {
			this.executor = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Virtual threads need JDK 21+", ex);
		}
	}

	/** Starts {@code count} virtual threads, each running {@code task}. */
	void start(int count, Callable<?> task) {
		for (int i = 0; i < count; i++) {
			this.executor.submit(() -> {
				this.started.add(Thread.currentThread());
				return task.call();
			});
		}
	}

	/**
	 * Waits until {@code count} threads have started and every one of them is in
	 * {@code state} or has ended.
	 */
	void awaitStarted(int count, Thread.State state) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
		while (true) {
			List<Thread> threads = new ArrayList<>(this.started);
			boolean settled = threads.size() >= count && threads.stream()
				.allMatch((thread) -> thread.getState() == state || thread.getState() == Thread.State.TERMINATED);
			if (settled) {
				return;
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Virtual threads did not reach " + state + " in time: " + threads.size()
						+ " started, in "
						+ threads.stream().collect(Collectors.groupingBy(Thread::getState, Collectors.counting())));
			}
			Thread.onSpinWait();
			Thread.yield();
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.executor.shutdownNow();
		if (!this.executor.awaitTermination(2, TimeUnit.MINUTES)) {
			throw new IllegalStateException("Virtual threads did not end");
		}
	}

}
