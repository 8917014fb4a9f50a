package io.github.threadleaks.reachability;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import io.github.threadleaks.core.GroupDetail;
import io.github.threadleaks.core.StackGroupReport;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.ThreadLeaksSettings;

/**
 * A timing harness, not a test: one reachability analysis of 100 orphaned waiters in a
 * JVM holding about N MB of live small objects (a map of boxed keys to short strings,
 * four objects per entry), against a plain heap dump of the same heap. Usage:
 * {@code ReachabilityCostProbe MB [child]}; run it by hand (see BENCHMARKS.md).
 */
public final class ReachabilityCostProbe {

	/** About 100 bytes per map entry: key, node, string and its bytes. */
	private static final int ENTRIES_PER_MB = 10_000;

	private static final String WAITER = "probe-orphan-";

	private ReachabilityCostProbe() {
	}

	public static void main(String[] args) throws Exception {
		int megabytes = (args.length > 0) ? Integer.parseInt(args[0]) : 100;
		Map<Integer, String> retained = new HashMap<>();
		for (int i = 0; i < megabytes * ENTRIES_PER_MB; i++) {
			retained.put(i, "value-" + i);
		}
		List<Thread> waiters = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			Thread waiter = new Thread(() -> {
				try {
					new CompletableFuture<String>().get();
				}
				catch (Exception ex) {
					// Interrupted: the probe's end.
				}
			}, WAITER + i);
			waiter.start();
			waiters.add(waiter);
		}
		for (Thread waiter : waiters) {
			while (waiter.getState() != Thread.State.WAITING) {
				Thread.onSpinWait();
			}
		}
		System.gc();
		long liveHeap = usedHeap();
		System.out.printf("java %s, %d map entries, live heap after GC %d MB, -Xmx %d MB%n",
				System.getProperty("java.version"), retained.size(), liveHeap >> 20,
				Runtime.getRuntime().maxMemory() >> 20);

		Path directory = Files.createTempDirectory("probe-");
		Path plain = directory.resolve("plain.hprof");
		long start = System.nanoTime();
		HeapDumper.hotSpot().dump(plain);
		long plainMillis = (System.nanoTime() - start) / 1_000_000;
		System.out.printf("baseline: plain dumpHeap(live) %d ms, %d MB%n", plainMillis, Files.size(plain) >> 20);
		Files.delete(plain);
		Files.delete(directory);

		ThreadLeakMonitor monitor = new ThreadLeakMonitor(ThreadLeaksSettings.defaults());
		String id = monitor.sample()
			.groups()
			.stream()
			.filter((group) -> group.name().startsWith(WAITER))
			.map(StackGroupReport::id)
			.findFirst()
			.orElseThrow();
		GroupDetail group = monitor.group(id).orElseThrow();
		System.gc();
		long before = usedHeap();
		ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		long allocated = threads.getCurrentThreadAllocatedBytes();
		// "child" reads the dump in a child JVM, as the endpoint does: what grows here is
		// then the service's own heap.
		ReachabilityAnalyzer analyzer = (args.length > 1 && "child".equals(args[1]))
				? ReachabilityAnalyzer.inChildJvm(1L << 30, Duration.ofMinutes(30)) : new ReachabilityAnalyzer();
		AtomicLong childPeak = new AtomicLong();
		Thread watcher = new Thread(() -> watchChildren(childPeak), "probe-child-rss");
		watcher.setDaemon(true);
		watcher.start();
		ReachabilityVerdict verdict = analyzer.analyze(group);
		watcher.interrupt();
		watcher.join();
		allocated = threads.getCurrentThreadAllocatedBytes() - allocated;
		long peak = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.mapToLong((pool) -> pool.getPeakUsage().getUsed())
			.sum();
		System.out.printf("verdict %s on %d threads%n", verdict.verdict(), verdict.threads());
		System.out.printf("dump %d ms (%.2fx baseline), file %d MB, analysis %d ms (%.2fx the dump)%n",
				verdict.dumpMillis(), (double) verdict.dumpMillis() / Math.max(1, plainMillis),
				verdict.heapDumpBytes() >> 20, verdict.analysisMillis(),
				(double) verdict.analysisMillis() / Math.max(1, verdict.dumpMillis()));
		System.out.printf("analyser: allocated %d MB, heap peak %d MB above the %d MB live before it%n",
				allocated >> 20, Math.max(0, peak - before) >> 20, before >> 20);
		System.out.printf("child JVM: peak RSS %d MB (VmHWM, polled)%n", childPeak.get() >> 10);
		waiters.forEach(Thread::interrupt);
		for (Thread waiter : waiters) {
			waiter.join();
		}
		System.out.println("kept " + retained.size());
	}

	/**
	 * Polls the peak resident memory (kB) of this JVM's child processes until
	 * interrupted.
	 */
	private static void watchChildren(AtomicLong peakKb) {
		while (!Thread.currentThread().isInterrupted()) {
			ProcessHandle.current().descendants().forEach((child) -> {
				try {
					for (String line : Files.readAllLines(Path.of("/proc", Long.toString(child.pid()), "status"))) {
						if (line.startsWith("VmHWM:")) {
							peakKb.accumulateAndGet(Long.parseLong(line.replaceAll("\\D", "")), Math::max);
						}
					}
				}
				catch (IOException ex) {
					// The child has ended.
				}
			});
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private static long usedHeap() {
		return ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.mapToLong((pool) -> pool.getUsage().getUsed())
			.sum();
	}

}
