package io.github.threadleaks.core;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Runs a sample on one daemon thread of its own, the first at once, each next one an
 * interval after the previous one began (at once if it took longer). The interval is
 * asked after every sample, so a cadence may adapt to what samples cost. A failed sample,
 * whatever it threw, is the sample's own business (the monitor reports it to its
 * listeners) and the next one runs as usual; an interrupt from outside ends at most the
 * sample under way. Only {@link #stop()} ends the thread, and it waits for it.
 *
 * @since 0.1.0
 */
public final class SamplingLoop implements BackgroundTask {

	/** The name of the platform threads' sampling thread. */
	public static final String THREAD_NAME = "threadleaks-sampler";

	private final Runnable sample;

	private final LongSupplier intervalMillis;

	private final SamplerThread thread;

	/**
	 * A loop that samples the monitor every {@code sample-interval}, on a thread named
	 * {@value #THREAD_NAME}.
	 */
	public SamplingLoop(ThreadLeakMonitor monitor) {
		this(THREAD_NAME, monitor::sample, fixed(monitor.settings().sampleInterval().toMillis()));
	}

	/**
	 * A loop that runs {@code sample} on a thread named {@code threadName}, at the
	 * interval {@code intervalMillis} gives after each sample.
	 */
	public SamplingLoop(String threadName, Runnable sample, LongSupplier intervalMillis) {
		this.sample = sample;
		this.intervalMillis = intervalMillis;
		this.thread = new SamplerThread(threadName);
	}

	private static LongSupplier fixed(long millis) {
		return () -> millis;
	}

	@Override
	public void start() {
		this.thread.start((executor) -> schedule(executor, 0));
	}

	@Override
	public boolean isRunning() {
		return this.thread.isRunning();
	}

	@Override
	public void stop() {
		this.thread.stop();
	}

	// Each sample schedules the next one: the interval may change with what samples cost.
	private void schedule(ScheduledExecutorService executor, long delayMillis) {
		try {
			executor.schedule(() -> {
				long began = System.nanoTime();
				sampleQuietly();
				long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
				schedule(executor, Math.max(0, this.intervalMillis.getAsLong() - tookMillis));
			}, delayMillis, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Stopped while the sample ran: nothing more to schedule.
		}
	}

	private void sampleQuietly() {
		try {
			this.sample.run();
		}
		catch (Throwable ex) {
			// Already reported by the sample; anything escaping, an Error too, would end
			// the schedule.
		}
	}

}
