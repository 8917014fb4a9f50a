package io.github.threadleaks.autoconfigure;

import io.github.threadleaks.core.SamplingLoop;
import io.github.threadleaks.core.ThreadLeakListener;
import io.github.threadleaks.core.ThreadLeakMonitor;

import org.springframework.context.SmartLifecycle;

/**
 * Samples the {@link ThreadLeakMonitor} every {@code threadleaks.sample-interval} while the application context
 * runs, on one daemon thread of its own named {@value SamplingLoop#THREAD_NAME}: never on the application's task
 * scheduler. Stopping the context ends the thread.
 */
public class ThreadLeaksSampler implements SmartLifecycle {

	private final SamplingLoop loop;

	/**
	 * A sampler of the given monitor. It attaches no listener: the auto-configuration attaches the application's
	 * {@link ThreadLeakListener} beans to the monitor, whichever bean samples it.
	 * @param monitor the monitor to sample
	 */
	public ThreadLeaksSampler(ThreadLeakMonitor monitor) {
		this.loop = new SamplingLoop(monitor);
	}

	@Override
	public void start() {
		this.loop.start();
	}

	@Override
	public void stop() {
		this.loop.stop();
	}

	@Override
	public boolean isRunning() {
		return this.loop.isRunning();
	}

}
