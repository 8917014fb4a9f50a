package io.github.threadleaks.sample.workloads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * The scheduled-executor-per-request leak used the right way: one scheduler for the
 * application, on which each call schedules its heartbeats ({@code scheduleAtFixedRate})
 * and cancels the previous call's. Periodic work, one thread however many calls.
 */
final class SharedScheduler implements Workload {

	private final List<ScheduledFuture<?>> heartbeats = new ArrayList<>();

	private @Nullable ScheduledThreadPoolExecutor scheduler;

	@Override
	public String id() {
		return "shared-scheduler";
	}

	@Override
	public String description() {
		return "one scheduler for the app: each call schedules N heartbeats every second on it and cancels the "
				+ "previous call's; one thread however many calls";
	}

	@Override
	public int maxSize() {
		return 1000;
	}

	@Override
	public synchronized void run(int size) {
		if (this.scheduler == null) {
			this.scheduler = new ScheduledThreadPoolExecutor(1, new NamedThreads("shared-scheduler"));
		}
		for (ScheduledFuture<?> heartbeat : this.heartbeats) {
			heartbeat.cancel(false);
		}
		this.heartbeats.clear();
		for (int i = 0; i < size; i++) {
			this.heartbeats.add(this.scheduler.scheduleAtFixedRate(() -> {
			}, 0, 1, TimeUnit.SECONDS));
		}
	}

	@Override
	public synchronized int threads() {
		return (this.scheduler != null) ? this.scheduler.getPoolSize() : 0;
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.heartbeats.clear();
			Pools.shutdownAndWait(this.scheduler);
			this.scheduler = null;
		}
	}

}
