package io.github.threadleaks.reachability;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A heap-dump maker, not a test: a JVM holding about N MB of live small objects as a
 * service's heap is (records in a {@code HashMap}, each with a string and a small array),
 * 20 threads parked on futures only their own stacks hold, and 5 parked on futures a
 * static list holds; its live heap is dumped to a file for the analyser to be timed on.
 * Usage: {@code LiveHeapDumpProbe MB FILE} (see BENCHMARKS.md).
 */
public final class LiveHeapDumpProbe {

	/** About 160 bytes per entry: key, node, record, string with its bytes, array. */
	private static final int ENTRIES_PER_MB = 6_500;

	private static final List<CompletableFuture<String>> HELD = new ArrayList<>();

	private LiveHeapDumpProbe() {
	}

	public static void main(String[] args) throws Exception {
		int megabytes = Integer.parseInt(args[0]);
		Path file = Path.of(args[1]);
		Map<Integer, Customer> retained = new HashMap<>();
		for (int i = 0; i < megabytes * ENTRIES_PER_MB; i++) {
			retained.put(i, new Customer(i, "customer-" + i, new int[] { i, i + 1, i + 2 }));
		}
		List<Thread> waiters = new ArrayList<>();
		for (int i = 0; i < 25; i++) {
			CompletableFuture<String> future = new CompletableFuture<>();
			boolean orphan = i < 20;
			if (!orphan) {
				HELD.add(future);
			}
			Thread waiter = new Thread(() -> await(future), (orphan ? "probe-orphan-" : "probe-held-") + i);
			waiter.start();
			waiters.add(waiter);
		}
		for (Thread waiter : waiters) {
			while (waiter.getState() != Thread.State.WAITING) {
				Thread.onSpinWait();
			}
		}
		System.gc();
		System.out.printf(Locale.ROOT, "java %s, %,d entries, live heap after GC %,d MB, -Xmx %,d MB%n",
				System.getProperty("java.version"), retained.size(), usedHeap() >> 20,
				Runtime.getRuntime().maxMemory() >> 20);
		long start = System.nanoTime();
		HeapDumper.hotSpot().dump(file);
		System.out.printf(Locale.ROOT, "dump %,d ms, file %,d MB%n", (System.nanoTime() - start) / 1_000_000,
				Files.size(file) >> 20);
		waiters.forEach(Thread::interrupt);
		for (Thread waiter : waiters) {
			waiter.join();
		}
		System.out.println("kept " + retained.size());
	}

	private static void await(CompletableFuture<String> future) {
		try {
			future.get();
		}
		catch (Exception ex) {
			// Interrupted: the probe's end.
		}
	}

	private static long usedHeap() {
		return ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.mapToLong((pool) -> pool.getUsage().getUsed())
			.sum();
	}

	/** A small record per entry, as a service's cache holds. */
	record Customer(long id, String name, int[] scores) {
	}

}
