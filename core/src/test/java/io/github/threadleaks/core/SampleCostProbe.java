package io.github.threadleaks.core;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongSupplier;

/**
 * A quick timing harness, not a test: the cost of one engine sample at N parked threads
 * against the JVM's own census floor and the thread dump. Run it by hand (see
 * BENCHMARKS.md); the full JMH suite is the benchmarks module's job.
 */
public final class SampleCostProbe {

	private static final int DEPTH = 40;

	private SampleCostProbe() {
	}

	public static void main(String[] args) throws Exception {
		int threads = (args.length > 0) ? Integer.parseInt(args[0]) : 1000;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 15;
		CountDownLatch release = new CountDownLatch(1);
		List<Thread> parked = startParked(threads, release);
		try {
			ThreadMXBean mx = ManagementFactory.getThreadMXBean();
			ThreadLeakMonitor monitor = new ThreadLeakMonitor(ThreadLeaksSettings.defaults());
			long cold = time(() -> monitor.sample().groups().size());
			// A new monitor on a warm JIT: what the first sample costs once the JVM has
			// run a while.
			long coldWarmJit = time(
					() -> new ThreadLeakMonitor(ThreadLeaksSettings.defaults()).sample().groups().size());
			System.out.printf("java %s, %d parked threads %d frames deep, median of %d rounds (ms)%n",
					System.getProperty("java.version"), threads, DEPTH, rounds);
			double census = median(rounds, () -> mx.getThreadInfo(mx.getAllThreadIds(), 0).length);
			double depthLimited = median(rounds, () -> mx.getThreadInfo(mx.getAllThreadIds(), 32).length);
			double steady = median(rounds, () -> monitor.sample().groups().size());
			double dump = median(Math.min(rounds, 5), () -> mx.dumpAllThreads(true, true).length);
			System.out.printf("census getThreadInfo(ids, 0)      %8.2f%n", census);
			System.out.printf("getThreadInfo(ids, 32)            %8.2f%n", depthLimited);
			System.out.printf("engine sample, first in new JVM   %8.2f%n", cold / 1e6);
			System.out.printf("engine sample, first on warm JIT  %8.2f%n", coldWarmJit / 1e6);
			System.out.printf("engine sample, steady state       %8.2f  (%.2fx census)%n", steady, steady / census);
			System.out.printf("dumpAllThreads(true, true)        %8.2f  (%.1fx engine steady)%n", dump, dump / steady);
		}
		finally {
			release.countDown();
			for (Thread thread : parked) {
				thread.join();
			}
		}
	}

	private static List<Thread> startParked(int count, CountDownLatch release) throws InterruptedException {
		CountDownLatch started = new CountDownLatch(count);
		List<Thread> parked = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			Thread thread = new Thread(() -> descend(DEPTH, started, release), "probe-parked-" + i);
			thread.setDaemon(true);
			thread.start();
			parked.add(thread);
		}
		started.await();
		return parked;
	}

	private static void descend(int depth, CountDownLatch started, CountDownLatch release) {
		if (depth > 0) {
			descend(depth - 1, started, release);
			return;
		}
		started.countDown();
		try {
			release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static double median(int rounds, LongSupplier work) {
		long[] times = new long[rounds];
		for (int i = 0; i < rounds; i++) {
			times[i] = time(work);
		}
		Arrays.sort(times);
		return times[rounds / 2] / 1e6;
	}

	private static long sink;

	private static long time(LongSupplier work) {
		long start = System.nanoTime();
		sink += work.getAsLong();
		return System.nanoTime() - start;
	}

}
