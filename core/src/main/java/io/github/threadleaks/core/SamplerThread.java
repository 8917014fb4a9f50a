package io.github.threadleaks.core;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The one daemon thread a sampler runs on, under a name of its own: started once, stopped
 * by interrupting the sample under way and waiting for the thread to end. Public for
 * core's feature packages only: not part of the API.
 *
 * @since 0.1.0
 */
final class SamplerThread {

	private final String name;

	private @Nullable ScheduledExecutorService executor;

	SamplerThread(String name) {
		this.name = name;
	}

	/**
	 * Starts the thread and hands its scheduler to {@code schedule}; does nothing if
	 * already running.
	 */
	synchronized void start(Consumer<ScheduledExecutorService> schedule) {
		if (this.executor != null) {
			return;
		}
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, this.name);
			thread.setDaemon(true);
			return thread;
		});
		schedule.accept(this.executor);
	}

	synchronized boolean isRunning() {
		return this.executor != null;
	}

	/**
	 * Interrupts the sample under way, if any, and waits up to ten seconds for the thread
	 * to end.
	 */
	synchronized void stop() {
		ScheduledExecutorService running = this.executor;
		if (running == null) {
			return;
		}
		this.executor = null;
		running.shutdownNow();
		try {
			running.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
