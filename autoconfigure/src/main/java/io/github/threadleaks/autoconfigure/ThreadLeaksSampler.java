package io.github.threadleaks.autoconfigure;

import java.util.List;

import io.github.threadleaks.core.SamplingLoop;
import io.github.threadleaks.core.ThreadLeakListener;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.virtual.CombinedReports;

/**
 * Samples the {@link ThreadLeakMonitor} every {@code threadleaks.sample-interval} while the application context
 * runs, on one daemon thread of its own named {@value SamplingLoop#THREAD_NAME}: never on the application's task
 * scheduler. Stopping the context ends the thread.
 */
public class ThreadLeaksSampler extends ThreadLeaksLifecycle {

	/**
	 * A sampler of the platform threads' monitor of the given reports, which tells the given listeners (the
	 * application's {@link ThreadLeakListener} beans) what each sample of either kind of thread found.
	 * @param reports the reports whose platform monitor is sampled
	 * @param listeners the listeners to add to the reports
	 */
	public ThreadLeaksSampler(CombinedReports reports, List<ThreadLeakListener> listeners) {
		super(new SamplingLoop(reports.platform()), DEFAULT_PHASE);
		listeners.forEach(reports::addListener);
	}

}
