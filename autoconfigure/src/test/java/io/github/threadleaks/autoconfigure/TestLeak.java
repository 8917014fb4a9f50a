package io.github.threadleaks.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.SynchronousQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.github.threadleaks.core.BlockedSenders;
import io.github.threadleaks.core.JvmThreadSource;
import io.github.threadleaks.core.ManualClock;
import io.github.threadleaks.core.StackGroupReport;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.ThreadLeakReport;
import io.github.threadleaks.core.ThreadLeaksSettings;

/**
 * A real thread leak that a test grows, samples and releases: threads blocked forever in
 * {@link SynchronousQueue#put}, as when senders outnumber the receiver. Its monitor
 * watches only these threads (every other thread of the test JVM is ignored), samples on
 * a manual clock, one second per sample, and suspects a group after three samples of
 * growth.
 */
public final class TestLeak implements AutoCloseable {

	/**
	 * The prefix of the leaked threads' names; their group is named
	 * {@code threadleaks-test-leak-#}.
	 */
	public static final String THREAD_NAME_PREFIX = "threadleaks-test-leak-";

	/** The normalized name of the leaked threads' group. */
	public static final String GROUP_NAME = THREAD_NAME_PREFIX + "#";

	private final BlockedSenders senders = new BlockedSenders(THREAD_NAME_PREFIX);

	private final ManualClock clock = new ManualClock();

	private final ThreadLeakMonitor monitor;

	public TestLeak() {
		ThreadLeaksSettings settings = ThreadLeaksSettings.builder()
			// Where an application's sampler runs this monitor, it samples once at
			// start-up and then leaves the samples to the test.
			.sampleInterval(Duration.ofHours(1))
			.window(5)
			.minGrowth(2)
			// Members count as stuck after one still sample, so that three samples of
			// growth leave two of three members judged: enough evidence for the rule.
			.minStillSamples(1)
			.ignoredThreadNames(List.of("(?!" + THREAD_NAME_PREFIX + ").*"))
			.build();
		this.monitor = new ThreadLeakMonitor(settings, new JvmThreadSource(), this.clock);
	}

	public ThreadLeakMonitor monitor() {
		return this.monitor;
	}

	/** Advances the clock by a second and takes a sample. */
	public ThreadLeakReport sample() {
		this.clock.advance(Duration.ofSeconds(1));
		return this.monitor.sample();
	}

	/**
	 * Leaks one more thread and samples, three times: enough for the group to be
	 * suspected.
	 */
	public StackGroupReport leakUntilSuspected() {
		ThreadLeakReport report = null;
		for (int i = 0; i < 3; i++) {
			leak(1);
			report = sample();
		}
		if (report.suspects().size() != 1) {
			throw new IllegalStateException("Expected the leak to be suspected: " + report);
		}
		return report.suspects().get(0);
	}

	/**
	 * Starts threads that block in {@code put} for ever, and waits until each is parked
	 * there.
	 */
	public void leak(int count) {
		this.senders.leak(count);
	}

	/**
	 * Takes every element the leaked threads put, so that they end, and waits for them.
	 */
	public void release() {
		this.senders.release();
	}

	/** Ends the threads whatever state the test left them in. */
	@Override
	public void close() {
		this.senders.close();
	}

	/** Waits for a thread to reach a state. */
	public static void awaitState(Thread thread, Thread.State state) {
		await(() -> thread.getState() == state, () -> thread.getName() + " to be " + state);
	}

	/**
	 * Waits, polling with yields and for at most ten seconds, until a condition holds.
	 */
	public static void await(BooleanSupplier condition, Supplier<String> description) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Timed out waiting for " + description.get());
			}
			Thread.onSpinWait();
			Thread.yield();
		}
	}

}
