package io.github.threadleaks.core;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A timing harness, not a test: the cost of one sample while 100 busy threads starve the
 * CPU, with the default stack-walk budget against no budget in the same run, samples
 * alternating. Run it by hand (see BENCHMARKS.md).
 */
public final class StarvedSampleProbe {

	private static volatile boolean running = true;

	private StarvedSampleProbe() {
	}

	public static void main(String[] args) throws Exception {
		int busy = (args.length > 0) ? Integer.parseInt(args[0]) : 100;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 20;
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < busy; i++) {
			Thread thread = new Thread(StarvedSampleProbe::spin, "busy-" + i);
			thread.setDaemon(true);
			thread.start();
			threads.add(thread);
		}
		try {
			ThreadLeakMonitor bounded = new ThreadLeakMonitor(ThreadLeaksSettings.defaults(), new JvmThreadSource(),
					Clock.systemUTC());
			ThreadLeakMonitor unbounded = new ThreadLeakMonitor(
					ThreadLeaksSettings.builder().stackWalkBudget(Duration.ofHours(1)).build(), new JvmThreadSource(),
					Clock.systemUTC());
			double[] boundedMillis = new double[rounds];
			double[] unboundedMillis = new double[rounds];
			int deferred = 0;
			for (int round = 0; round < rounds; round++) {
				Thread.sleep(200);
				ThreadLeakReport report = bounded.sample();
				boundedMillis[round] = report.sampleMillis();
				deferred += report.stacksDeferred();
				Thread.sleep(200);
				unboundedMillis[round] = unbounded.sample().sampleMillis();
				System.out.printf("round %d: budget %.1f ms (%d deferred), none %.1f ms%n", round + 1,
						boundedMillis[round], report.stacksDeferred(), unboundedMillis[round]);
			}
			System.out.printf("java %s, %d busy threads, %d cores, %d samples each, alternating%n",
					System.getProperty("java.version"), busy, Runtime.getRuntime().availableProcessors(), rounds);
			System.out.printf("budget 20ms (default): median %.1f ms, p90 %.1f ms, max %.1f ms; %d stacks deferred%n",
					median(boundedMillis), percentile(boundedMillis, 0.9), max(boundedMillis), deferred);
			System.out.printf("no budget:             median %.1f ms, p90 %.1f ms, max %.1f ms%n",
					median(unboundedMillis), percentile(unboundedMillis, 0.9), max(unboundedMillis));
			System.out.printf("ratio of medians (budget / none): %.3f%n",
					median(boundedMillis) / median(unboundedMillis));
		}
		finally {
			running = false;
			for (Thread thread : threads) {
				thread.join();
			}
		}
	}

	private static void spin() {
		long sum = 0;
		while (running) {
			sum += work(6);
		}
		if (sum == 42) {
			System.out.print("");
		}
	}

	/** A few frames deep, so that a walk has a stack to walk. */
	private static long work(int depth) {
		return (depth == 0) ? System.nanoTime() & 1 : work(depth - 1) + 1;
	}

	private static double median(double[] values) {
		return percentile(values, 0.5);
	}

	private static double percentile(double[] values, double share) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[Math.min(sorted.length - 1, (int) Math.floor(share * sorted.length))];
	}

	private static double max(double[] values) {
		return Arrays.stream(values).max().orElse(0);
	}

}
