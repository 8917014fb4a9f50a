package io.github.threadleaks.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.ThreadLeaksSettings;
import org.jspecify.annotations.Nullable;

/**
 * The engine's retained heap: with N tracked groups and the default window and horizons
 * (heap used after full GCs with the monitor reachable, minus without it), and over a
 * churn run in which every sample brings groups never seen before (heap after full GC at
 * checkpoints). Run it on {@code -XX:+UseSerialGC}, where {@code System.gc()} is a full,
 * compacting collection. Usage: {@code RetainedHeap [churnSamples] [groups...]}, by
 * default 100000 samples and 1000 and 10000 groups.
 */
public final class RetainedHeap {

	/**
	 * New groups per sample in the churn run: ten thread-per-task threads with stacks
	 * never seen before.
	 */
	static final int CHURN_PER_SAMPLE = 10;

	/** Readings closer than this count as equal: reading the heap allocates a little. */
	private static final long STABLE_BYTES = 16 * 1024;

	private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

	private RetainedHeap() {
	}

	public static void main(String[] args) {
		int churnSamples = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		int[] groups = { 1_000, 10_000 };
		if (args.length > 1) {
			groups = new int[args.length - 1];
			for (int i = 1; i < args.length; i++) {
				groups[i - 1] = Integer.parseInt(args[i]);
			}
		}
		System.out.printf(Locale.ROOT, "Retained heap on JDK %s, collectors %s%n%n", System.getProperty("java.version"),
				String.join(" + ",
						ManagementFactory.getGarbageCollectorMXBeans().stream().map((gc) -> gc.getName()).toList()));
		// Loads the classes and fills the JDK's lazy caches (digests, formatters) that
		// any first monitor would.
		retainedBytes(100, 3, false);
		int samples = 2 * ThreadLeaksSettings.defaults().window();
		System.out.println("| tracked groups | stacks differ in | samples taken | retained by the engine (MB) "
				+ "| per 1,000 groups (MB) |");
		System.out.println("|---|---|---|---|---|");
		for (int count : groups) {
			for (boolean everyFrameDistinct : new boolean[] { false, true }) {
				long retained = retainedBytes(count, samples, everyFrameDistinct);
				System.out.printf(Locale.ROOT, "| %,d | %s | %d | %.2f | %.2f |%n", count,
						everyFrameDistinct ? "every frame" : "one frame", samples, retained / 1e6,
						retained / 1e6 / (count / 1000.0));
			}
		}
		System.out.printf(Locale.ROOT, "%nChurn: %d new groups every sample, default settings (max-groups %d)%n%n",
				CHURN_PER_SAMPLE, ThreadLeaksSettings.defaults().maxGroups());
		System.out.println("| samples | groups seen | tracked groups | heap used after full GC (MB) |");
		System.out.println("|---|---|---|---|");
		churn(churnSamples, Math.max(1, churnSamples / 10), (sample, tracked, heap) -> System.out.printf(Locale.ROOT,
				"| %,d | %,d | %,d | %.2f |%n", sample, sample * CHURN_PER_SAMPLE, tracked, heap / 1e6));
	}

	/**
	 * Heap retained by a monitor tracking {@code groups} groups of one thread each, after
	 * {@code samples} samples: used heap with the monitor reachable minus used heap
	 * without it, the source kept in both.
	 */
	static long retainedBytes(int groups, int samples, boolean everyFrameDistinct) {
		DistinctStacksSource source = new DistinctStacksSource(everyFrameDistinct);
		source.add(groups);
		ThreadLeaksSettings settings = ThreadLeaksSettings.builder()
			.maxGroups(Math.max(groups, ThreadLeaksSettings.defaults().maxGroups()))
			.build();
		AtomicReference<@Nullable ThreadLeakMonitor> monitor = new AtomicReference<>(
				sampled(settings, source, samples, groups));
		long with = usedAfterFullGc();
		monitor.set(null);
		long without = usedAfterFullGc();
		Reference.reachabilityFence(source);
		return with - without;
	}

	private static ThreadLeakMonitor sampled(ThreadLeaksSettings settings, DistinctStacksSource source, int samples,
			int groups) {
		ThreadLeakMonitor monitor = new ThreadLeakMonitor(settings, source, Clock.systemUTC());
		for (int i = 0; i < samples; i++) {
			monitor.sample();
		}
		if (monitor.report().trackedGroups() != groups) {
			throw new IllegalStateException(
					"Expected " + groups + " tracked groups but the engine tracks " + monitor.report().trackedGroups());
		}
		return monitor;
	}

	/**
	 * Runs {@code samples} samples, each with all-new groups, and reports the heap every
	 * {@code every}.
	 */
	static void churn(int samples, int every, Checkpoint checkpoint) {
		DistinctStacksSource source = new DistinctStacksSource(false);
		ThreadLeakMonitor monitor = new ThreadLeakMonitor(ThreadLeaksSettings.defaults(), source, Clock.systemUTC());
		for (int sample = 1; sample <= samples; sample++) {
			source.clear();
			source.add(CHURN_PER_SAMPLE);
			monitor.sample();
			if (sample % every == 0) {
				checkpoint.reached(sample, monitor.report().trackedGroups(), usedAfterFullGc());
			}
		}
	}

	/**
	 * Heap used after full collections, repeated until it no longer falls: an object
	 * dropped just before may only go in a later collection, and a collection may leave a
	 * few young objects in place. Measure with a fixed heap ({@code -Xms} =
	 * {@code -Xmx}), so that the generations do not resize between readings.
	 */
	static long usedAfterFullGc() {
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 20; i++) {
			System.gc();
			long now = MEMORY.getHeapMemoryUsage().getUsed();
			if (i >= 2 && now > used - STABLE_BYTES) {
				return Math.min(now, used);
			}
			used = Math.min(now, used);
		}
		return used;
	}

	/** Told the heap at each checkpoint of a churn run. */
	interface Checkpoint {

		void reached(int sample, int trackedGroups, long heapBytes);

	}

}
