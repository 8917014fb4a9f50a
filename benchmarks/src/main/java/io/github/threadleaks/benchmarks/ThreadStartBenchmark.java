package io.github.threadleaks.benchmarks;

import java.util.concurrent.TimeUnit;

import io.github.threadleaks.core.CreationSiteTracking;
import io.github.threadleaks.core.creation.CreationSiteTracker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What creation-site tracking costs the application: platform threads started and joined
 * per second, without the tracker and with it (JFR {@code jdk.ThreadStart} with the
 * starter's stack, {@code jdk.ThreadEnd}, read in-process), in one run. A thread that
 * starts and ends at once is the tracker's worst case: every start is an event with a
 * stack.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@State(Scope.Benchmark)
public class ThreadStartBenchmark {

	/** Whether the tracker runs: {@code off} or {@code on}. */
	@Param({ "off", "on" })
	public String tracking;

	private CreationSiteTracker tracker;

	@Setup(Level.Trial)
	public void start() {
		this.tracker = new CreationSiteTracker(50_000);
		if (this.tracking.equals("on")) {
			this.tracker.start();
			if (this.tracker.tracking().state() != CreationSiteTracking.State.TRACKING) {
				throw new IllegalStateException("no tracking: " + this.tracker.tracking());
			}
		}
	}

	@TearDown(Level.Trial)
	public void stop() {
		// How much the tracker handled, so that a run shows it really tracked the starts
		// it timed.
		CreationSiteTracking tracking = this.tracker.tracking();
		if (this.tracking.equals("on")) {
			System.out.printf("%n[tracker] %d thread starts handled, %.2f µs handling each, %d held at the end%n",
					tracking.threadStarts(), tracking.handlingNanos() / 1e3 / Math.max(1, tracking.threadStarts()),
					tracking.trackedThreads());
		}
		this.tracker.stop();
	}

	/** Starts a thread that does nothing and waits for it to end. */
	@Benchmark
	public void startAndJoin() throws InterruptedException {
		Thread thread = new Thread(ThreadStartBenchmark::nothing);
		thread.start();
		thread.join();
	}

	private static void nothing() {
	}

}
