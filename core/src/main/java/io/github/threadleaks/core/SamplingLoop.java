package io.github.threadleaks.core;

import java.util.concurrent.TimeUnit;

/**
 * Runs {@link ThreadLeakMonitor#sample()} every {@code sample-interval} on one daemon thread of its own, named
 * {@value #THREAD_NAME}. A failed sample, whatever it threw, is reported to the monitor's listeners and the next
 * one runs as usual; an interrupt from outside ends at most the sample under way. Only {@link #stop()} ends the
 * thread, and it waits for it.
 * @since 0.1.0
 */
public final class SamplingLoop implements AutoCloseable {

	/** The name of the sampling thread. */
	public static final String THREAD_NAME = "threadleaks-sampler";

	private final ThreadLeakMonitor monitor;

	private final SamplerThread thread = new SamplerThread(THREAD_NAME);

	public SamplingLoop(ThreadLeakMonitor monitor) {
		this.monitor = monitor;
	}

	/** Starts sampling; the first sample is taken at once. Does nothing if already running. */
	public void start() {
		long interval = this.monitor.settings().sampleInterval().toMillis();
		this.thread.start((executor) -> executor.scheduleAtFixedRate(this::sampleQuietly, 0, interval,
				TimeUnit.MILLISECONDS));
	}

	/** Whether sampling is running. */
	public boolean isRunning() {
		return this.thread.isRunning();
	}

	/** Stops sampling and waits up to ten seconds for a sample under way to end. */
	public void stop() {
		this.thread.stop();
	}

	@Override
	public void close() {
		stop();
	}

	private void sampleQuietly() {
		try {
			this.monitor.sample();
		}
		catch (Throwable ex) {
			// Already passed to the listeners; anything escaping, an Error too, would cancel every later sample.
		}
	}

}
