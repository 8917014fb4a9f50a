package io.github.threadleaks.sample.workloads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A new thread for every task; each thread ends with its task, so the count comes back
 * down.
 */
final class ThreadPerTask implements Workload {

	private final AtomicInteger sequence = new AtomicInteger();

	private final AtomicInteger running = new AtomicInteger();

	@Override
	public String id() {
		return "thread-per-task";
	}

	@Override
	public String description() {
		return "starts N threads that each do a short task and end: many threads, none left behind";
	}

	@Override
	public int maxSize() {
		return 500;
	}

	@Override
	public synchronized void run(int size) throws InterruptedException {
		List<Thread> tasks = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			Thread task = new Thread(this::work, "task-runner-" + this.sequence.incrementAndGet());
			task.setDaemon(true);
			this.running.incrementAndGet();
			task.start();
			tasks.add(task);
		}
		for (Thread task : tasks) {
			task.join();
		}
	}

	private void work() {
		try {
			long sum = 0;
			for (int i = 0; i < 10_000; i++) {
				sum += i;
			}
			if (sum < 0) {
				throw new IllegalStateException();
			}
		}
		finally {
			this.running.decrementAndGet();
		}
	}

	@Override
	public int threads() {
		return this.running.get();
	}

	@Override
	public void stop() {
		// Every call waits for its threads: nothing outlives it.
	}

}
