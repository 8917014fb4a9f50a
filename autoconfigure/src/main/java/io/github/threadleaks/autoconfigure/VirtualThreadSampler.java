package io.github.threadleaks.autoconfigure;

import io.github.threadleaks.core.VirtualThreadMonitor;

import org.springframework.context.SmartLifecycle;

/**
 * Dumps the virtual threads at their own cadence while the application context runs, on one daemon thread named
 * {@value VirtualThreadMonitor#THREAD_NAME}; starts nothing where virtual threads are unavailable or turned off.
 * Stopping the context ends the thread.
 */
public class VirtualThreadSampler implements SmartLifecycle {

	private final VirtualThreadMonitor monitor;

	/**
	 * A sampler of the given monitor.
	 * @param monitor the monitor of the virtual threads
	 */
	public VirtualThreadSampler(VirtualThreadMonitor monitor) {
		this.monitor = monitor;
	}

	@Override
	public void start() {
		this.monitor.start();
	}

	@Override
	public void stop() {
		this.monitor.stop();
	}

	@Override
	public boolean isRunning() {
		return this.monitor.isRunning();
	}

}
