package io.github.threadleaks.sample.leaks;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A leak whose threads keep waking: each request creates a
 * {@code ScheduledThreadPoolExecutor} for a heartbeat every second
 * ({@code scheduleAtFixedRate}) and never shuts it down. Its worker ({@code heartbeat-N})
 * waits TIMED_WAITING for the next beat in
 * {@code ScheduledThreadPoolExecutor$DelayedWorkQueue.take}, wakes, beats and waits
 * again, forever. Go's twin: a {@code time.Ticker} loop that nobody stops.
 */
final class ScheduledExecutorPerRequest implements LeakPattern {

	private final List<ScheduledThreadPoolExecutor> executors = new CopyOnWriteArrayList<>();

	private final AtomicInteger threadNumber = new AtomicInteger();

	@Override
	public String id() {
		return "scheduled-executor-per-request";
	}

	@Override
	public String description() {
		return "each request creates a ScheduledThreadPoolExecutor for a heartbeat every second "
				+ "(scheduleAtFixedRate) and never shuts it down";
	}

	@Override
	public int threadsPerRequest() {
		return 1;
	}

	/**
	 * Creates the executor and schedules its heartbeat in one method: the executor starts
	 * its worker on {@code scheduleAtFixedRate}, so this method is where threadleaks'
	 * creation site says it was created.
	 */
	@Override
	public void leakOnce() throws InterruptedException {
		List<Thread> workers = new CopyOnWriteArrayList<>();
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, recording(workers));
		this.executors.add(executor);
		CountDownLatch firstBeat = new CountDownLatch(1);
		executor.scheduleAtFixedRate(firstBeat::countDown, 0, 1, TimeUnit.SECONDS);
		firstBeat.await();
		Await.state(workers.get(0), Thread.State.TIMED_WAITING);
		// The bug: no executor.shutdown(). Its worker beats every second, forever.
	}

	private ThreadFactory recording(List<Thread> workers) {
		return (task) -> {
			Thread worker = new Thread(task, "heartbeat-" + this.threadNumber.incrementAndGet());
			worker.setDaemon(true);
			workers.add(worker);
			return worker;
		};
	}

	@Override
	public int leaked() {
		int alive = 0;
		for (ScheduledThreadPoolExecutor executor : this.executors) {
			alive += executor.getPoolSize();
		}
		return alive;
	}

	@Override
	public int release() {
		int released = leaked();
		for (ScheduledThreadPoolExecutor executor : this.executors) {
			executor.shutdownNow();
		}
		for (ScheduledThreadPoolExecutor executor : this.executors) {
			try {
				executor.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.executors.clear();
		return released;
	}

}
