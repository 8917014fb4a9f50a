package io.github.threadleaks.autoconfigure;

import java.util.List;

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
	 * A sampler of the given monitor, which tells the given listeners (the application's
	 * {@link ThreadLeakListener} beans) what each sample found.
	 * @param monitor the monitor to sample
	 * @param listeners the listeners to add to the monitor
	 */
	public ThreadLeaksSampler(ThreadLeakMonitor monitor, List<ThreadLeakListener> listeners) {
		listeners.forEach(monitor::addListener);
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
