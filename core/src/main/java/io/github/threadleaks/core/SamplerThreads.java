package io.github.threadleaks.core;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The one daemon thread a sampler runs on: started under its own name, and stopped by waiting for it to end. */
final class SamplerThreads {

	private SamplerThreads() {
	}

	/** A scheduler on one daemon thread with the given name. */
	static ScheduledExecutorService start(String name) {
		return Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, name);
			thread.setDaemon(true);
			return thread;
		});
	}

	/** Interrupts the sample under way, if any, and waits up to ten seconds for the thread to end. */
	static void stop(ScheduledExecutorService running) {
		running.shutdownNow();
		try {
			running.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
