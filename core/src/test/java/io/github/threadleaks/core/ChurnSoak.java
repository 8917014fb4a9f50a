package io.github.threadleaks.core;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A soak, not a test: churns real threads, each with a name and a stack never seen
 * before, until 100,000 distinct groups have gone through the monitor, and prints the
 * heap after a full GC and the tracked groups as it goes. Memory must level off at what
 * {@code max-groups} allows instead of growing with the churn. Run with:
 *
 * <pre>
 * mvn -B -q -pl core test-compile
 * java -cp core/target/classes:core/target/test-classes io.github.threadleaks.core.ChurnSoak [groups] [batch]
 * </pre>
 */
public final class ChurnSoak {

	private ChurnSoak() {
	}

	public static void main(String[] args) {
		int groups = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		int batch = (args.length > 1) ? Integer.parseInt(args[1]) : 200;
		ThreadLeakMonitor monitor = new ThreadLeakMonitor(ThreadLeaksSettings.builder()
			.ignoredThreadNames(List.of("(?!" + ChurningThreads.NAME_PREFIX + ").*"))
			.build(), new JvmThreadSource(), Clock.systemUTC());
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		ChurningThreads churn = new ChurningThreads();
		int rounds = (groups + batch - 1) / batch;
		int every = Math.max(1, rounds / 20);
		long started = System.nanoTime();
		System.out.printf("%s, max-groups %d, %d rounds of %d new threads%n", System.getProperty("java.version"),
				monitor.settings().maxGroups(), rounds, batch);
		System.out.printf("%8s %9s %8s %10s %12s%n", "round", "threads", "tracked", "heap MiB", "elapsed s");
		for (int round = 1; round <= rounds; round++) {
			churn.startBatch(batch);
			ThreadLeakReport report = monitor.sample();
			churn.endBatch();
			if (round % every == 0 || round == rounds || round == 1) {
				System.gc();
				double heap = memory.getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
				System.out.printf("%8d %9d %8d %10.1f %12.1f%n", round, churn.started(), report.trackedGroups(), heap,
						Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0);
			}
		}
	}

}
