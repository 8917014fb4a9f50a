package io.github.threadleaks.autoconfigure;

import io.github.threadleaks.core.SamplingLoop;
import io.github.threadleaks.core.ThreadLeakListener;
import io.github.threadleaks.core.ThreadLeakMonitor;

/**
 * Samples the {@link ThreadLeakMonitor} every {@code threadleaks.sample-interval} while
 * the application context runs, on one daemon thread of its own named
 * {@value SamplingLoop#THREAD_NAME}: never on the application's task scheduler. Stopping
 * the context ends the thread.
 *
 * @since 0.1.0
 */
public class ThreadLeaksSampler extends ThreadLeaksLifecycle {

	/**
	 * A sampler of the given monitor. It attaches no listener: the auto-configuration
	 * attaches the application's {@link ThreadLeakListener} beans to the combined
	 * reports, whichever bean samples the monitor.
	 * @param monitor the monitor to sample
	 */
	public ThreadLeaksSampler(ThreadLeakMonitor monitor) {
		super(new SamplingLoop(monitor), DEFAULT_PHASE);
	}

}
