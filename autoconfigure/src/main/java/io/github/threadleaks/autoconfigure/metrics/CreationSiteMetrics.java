package io.github.threadleaks.autoconfigure.metrics;

import java.util.concurrent.TimeUnit;

import io.github.threadleaks.core.CreationSites;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@link MeterBinder} for creation-site tracking's own cost: the thread start events
 * handled and the time spent on them, the threads whose creation site is held, and those
 * forgotten beyond the bound.
 *
 * @since 0.1.0
 */
public class CreationSiteMetrics implements MeterBinder {

	private final CreationSites creationSites;

	/**
	 * Meters of the given creation sites.
	 * @param creationSites the creation sites whose tracking is measured
	 */
	public CreationSiteMetrics(CreationSites creationSites) {
		this.creationSites = creationSites;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionTimer
			.builder("threadleaks.creation-site.handling", this.creationSites,
					(sites) -> sites.tracking().threadStarts(), (sites) -> sites.tracking().handlingNanos(),
					TimeUnit.NANOSECONDS)
			.description("Thread start events handled to record creation sites, and the time spent handling "
					+ "thread start and end events")
			.register(registry);
		Gauge
			.builder("threadleaks.creation-site.threads", this.creationSites,
					(sites) -> sites.tracking().trackedThreads())
			.description("The number of live threads whose creation site is held")
			.baseUnit(BaseUnits.THREADS)
			.register(registry);
		FunctionCounter
			.builder("threadleaks.creation-site.forgotten", this.creationSites,
					(sites) -> sites.tracking().forgottenThreads())
			.description("Threads whose creation site was forgotten because more than "
					+ "threadleaks.creation-site.max-threads were held")
			.baseUnit(BaseUnits.THREADS)
			.register(registry);
	}

}
