package io.github.threadleaks.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * The child JVM of {@link SafepointCost}: starts the parked threads, warms one operation
 * up, then runs it a given number of times and prints the window of JVM uptime (the clock
 * of {@code -Xlog}'s {@code uptimemillis}) in which it did so, and the median wall time
 * of one run.
 */
public final class SafepointWorkload {

	/** Runs before the measured window, so that the JIT has compiled the operation. */
	static final int WARMUP_RUNS = 5;

	private SafepointWorkload() {
	}

	/** Arguments: operation name, thread count, runs. */
	public static void main(String[] args) {
		if (args.length != 3) {
			System.err.println("Usage: SafepointWorkload <operation> <threads> <runs>");
			System.exit(2);
		}
		SamplingOperation operation = SamplingOperation.valueOf(args[0]);
		int threads = Integer.parseInt(args[1]);
		int runs = Integer.parseInt(args[2]);
		try (ParkedThreads parked = ParkedThreads.start(threads)) {
			Runnable run = operation.prepare(parked);
			for (int i = 0; i < WARMUP_RUNS; i++) {
				operation.beforeEach(parked);
				run.run();
			}
			long[] nanos = new long[runs];
			long start = uptimeMillis();
			for (int i = 0; i < runs; i++) {
				operation.beforeEach(parked);
				long before = System.nanoTime();
				run.run();
				nanos[i] = System.nanoTime() - before;
			}
			long end = uptimeMillis();
			Arrays.sort(nanos);
			System.out.printf(Locale.ROOT, "window %d %d median-ms %.3f%n", start, end, nanos[runs / 2] / 1e6);
		}
	}

	private static long uptimeMillis() {
		return ManagementFactory.getRuntimeMXBean().getUptime();
	}

}
