package io.github.threadleaks.sample.workloads;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names pool threads {@code <prefix>-<n>} and makes them daemons, so a workload never
 * holds the JVM open.
 */
final class NamedThreads implements ThreadFactory {

	private final String prefix;

	private final AtomicInteger sequence = new AtomicInteger();

	NamedThreads(String prefix) {
		this.prefix = prefix;
	}

	@Override
	public Thread newThread(Runnable task) {
		Thread thread = new Thread(task, this.prefix + "-" + this.sequence.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	}

}
