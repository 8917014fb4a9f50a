package io.github.threadleaks.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.threadleaks.core.ThreadLeaksSettings;
import io.github.threadleaks.core.virtual.ContainerThreadSource;
import io.github.threadleaks.core.virtual.VirtualThreadMonitor;
import io.github.threadleaks.core.virtual.VirtualThreadSettings;
import io.github.threadleaks.core.virtual.VirtualThreadSource;
import jdk.jfr.consumer.RecordingStream;

/**
 * The cost of watching virtual threads (JDK 21+), printed as Markdown rows: at each given
 * number of virtual threads parked about 45 frames deep in {@code SynchronousQueue.put},
 * the JVM's JSON thread dump alone and a threadleaks sample of them (dump, streamed
 * reading, engine), in time and allocation, and the heap the engine keeps; then the same
 * sample through the JDK's thread containers ({@link ContainerThreadSource}: run with
 * {@value ContainerThreadSource#JVM_FLAG}); then the cost of streaming JFR's
 * {@code jdk.VirtualThreadStart}/{@code End} events in-process, per virtual thread
 * started and joined, against the same loop without the stream. A plain timing loop
 * (median of 5 rounds after a warm-up), not JMH: each round of the dump takes seconds.
 * <p>
 * Usage:
 * {@code java --add-exports java.base/jdk.internal.vm=ALL-UNNAMED -cp benchmarks.jar
 * io.github.threadleaks.benchmarks.VirtualThreadCost 10000 100000}
 */
public final class VirtualThreadCost {

	private static final int DEPTH = 40;

	private static final int ROUNDS = 5;

	private VirtualThreadCost() {
	}

	public static void main(String[] args) throws Exception {
		String unavailable = VirtualThreadSource.unavailableReason();
		if (unavailable != null) {
			System.err.println("Virtual threads cannot be measured here: " + unavailable);
			System.exit(1);
		}
		String noContainers = ContainerThreadSource.unavailableReason();
		if (noContainers != null) {
			System.err.println("The container source cannot be measured here: " + noContainers);
			System.exit(1);
		}
		System.out.println("| virtual threads | dump file | dump, ms | dump, allocated MB | threadleaks sample, ms "
				+ "| sample, allocated MB | sample / dump | engine retains, MB | container sample, ms "
				+ "| container sample, allocated MB | container sample / dump |");
		System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
		int[] sizes = (args.length > 0) ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
				: new int[] { 10_000, 100_000 };
		for (int size : sizes) {
			measureDump(size);
		}
		measureJfr(200_000);
	}

	private static void measureDump(int size) throws Exception {
		ExecutorService executor = perTaskExecutor();
		SynchronousQueue<Object> queue = new SynchronousQueue<>();
		ConcurrentLinkedQueue<Thread> started = new ConcurrentLinkedQueue<>();
		try {
			for (int i = 0; i < size; i++) {
				executor.execute(() -> {
					started.add(Thread.currentThread());
					deep(DEPTH, queue);
				});
			}
			awaitParked(started, size);
			Path directory = Files.createTempDirectory("threadleaks-cost-");
			System.gc();
			long heapBefore = usedHeap();
			VirtualThreadMonitor monitor = new VirtualThreadMonitor(ThreadLeaksSettings.defaults(),
					VirtualThreadSettings.builder().enabled(true).maxSampleTime(Duration.ofMinutes(10)).build(),
					new VirtualThreadSource(32), Clock.systemUTC());
			VirtualThreadMonitor containers = new VirtualThreadMonitor(ThreadLeaksSettings.defaults(),
					VirtualThreadSettings.builder().maxSampleTime(Duration.ofMinutes(10)).build(),
					ContainerThreadSource.of(32, Integer.MAX_VALUE), Clock.systemUTC());
			double[] dumpMillis = new double[ROUNDS];
			double[] sampleMillis = new double[ROUNDS];
			double[] containerMillis = new double[ROUNDS];
			long containerBytes = 0;
			long dumpBytes = 0;
			long sampleBytes = 0;
			long fileSize = 0;
			// One warm-up round, then the dump alone and the sample in turn, so that both
			// meet the same conditions.
			for (int i = -1; i < ROUNDS; i++) {
				Path file = directory.resolve("dump.json");
				long allocated = allocatedBytes();
				long begin = System.nanoTime();
				dump(file);
				double dumped = (System.nanoTime() - begin) / 1e6;
				long dumpAllocated = allocatedBytes() - allocated;
				fileSize = Files.size(file);
				Files.delete(file);
				allocated = allocatedBytes();
				begin = System.nanoTime();
				monitor.sample();
				double sampled = (System.nanoTime() - begin) / 1e6;
				long sampleAllocated = allocatedBytes() - allocated;
				allocated = allocatedBytes();
				begin = System.nanoTime();
				containers.sample();
				double listed = (System.nanoTime() - begin) / 1e6;
				long listAllocated = allocatedBytes() - allocated;
				if (i >= 0) {
					containerMillis[i] = listed;
					containerBytes = listAllocated;
					dumpMillis[i] = dumped;
					sampleMillis[i] = sampled;
					dumpBytes = dumpAllocated;
					sampleBytes = sampleAllocated;
				}
			}
			Files.delete(directory);
			System.gc();
			long retained = usedHeap() - heapBefore;
			double dump = median(dumpMillis);
			double sample = median(sampleMillis);
			double listing = median(containerMillis);
			System.out.printf(Locale.ROOT,
					"| %,d | %.1f MB | %.0f | %.0f | %.0f | %.0f | %.2f× | %.1f | %.0f | %.0f | %.2f× |%n", size,
					fileSize / 1e6, dump, dumpBytes / 1e6, sample, sampleBytes / 1e6, sample / dump, retained / 1e6,
					listing, containerBytes / 1e6, listing / dump);
			if (monitor.report().groups().isEmpty() || containers.report().groups().isEmpty()) {
				throw new IllegalStateException("The sample found no group");
			}
		}
		finally {
			executor.shutdownNow();
			executor.awaitTermination(1, TimeUnit.MINUTES);
		}
	}

	/**
	 * Virtual threads started and joined per round, with and without a JFR stream of
	 * their start and end.
	 */
	private static void measureJfr(int threads) throws Exception {
		Method startVirtualThread = Thread.class.getMethod("startVirtualThread", Runnable.class);
		double[] without = new double[ROUNDS];
		double[] with = new double[ROUNDS];
		startAndJoin(startVirtualThread, threads);
		AtomicLong events = new AtomicLong();
		for (int i = 0; i < ROUNDS; i++) {
			without[i] = startAndJoin(startVirtualThread, threads);
			try (RecordingStream stream = new RecordingStream()) {
				stream.enable("jdk.VirtualThreadStart");
				stream.enable("jdk.VirtualThreadEnd");
				stream.onEvent((event) -> events.incrementAndGet());
				stream.startAsync();
				with[i] = startAndJoin(startVirtualThread, threads);
			}
		}
		double plain = median(without);
		double streamed = median(with);
		System.out.println();
		System.out
			.println("| virtual thread start + join, ns each | without JFR stream | with jdk.VirtualThreadStart/End "
					+ "streamed | ratio | events received |");
		System.out.println("|---|---|---|---|---|");
		System.out.printf(Locale.ROOT, "| %,d threads per round, median of %d | %.0f | %.0f | %.2f× | %,d |%n", threads,
				ROUNDS, plain, streamed, streamed / plain, events.get());
	}

	private static double startAndJoin(Method startVirtualThread, int threads) throws Exception {
		List<Thread> batch = new ArrayList<>(1000);
		long begin = System.nanoTime();
		for (int i = 0; i < threads; i++) {
			batch.add((Thread) startVirtualThread.invoke(null, (Runnable) () -> {
			}));
			if (batch.size() == 1000) {
				for (Thread thread : batch) {
					thread.join();
				}
				batch.clear();
			}
		}
		for (Thread thread : batch) {
			thread.join();
		}
		return (double) (System.nanoTime() - begin) / threads;
	}

	private static void deep(int depth, SynchronousQueue<Object> queue) {
		if (depth > 0) {
			deep(depth - 1, queue);
			return;
		}
		try {
			queue.put(Thread.currentThread());
		}
		catch (InterruptedException ex) {
			// Released.
		}
	}

	private static void awaitParked(ConcurrentLinkedQueue<Thread> started, int size) {
		while (started.size() < size
				|| !started.stream().allMatch((thread) -> thread.getState() == Thread.State.WAITING)) {
			Thread.onSpinWait();
			Thread.yield();
		}
	}

	private static ExecutorService perTaskExecutor() throws ReflectiveOperationException {
		return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	static void dump(Path file) throws ReflectiveOperationException {
		Class<?> bean = Class.forName("com.sun.management.HotSpotDiagnosticMXBean");
		Class<?> format = Class.forName("com.sun.management.HotSpotDiagnosticMXBean$ThreadDumpFormat");
		Method dump = bean.getMethod("dumpThreads", String.class, format);
		dump.invoke(ManagementFactory.getPlatformMXBean((Class) bean), file.toAbsolutePath().toString(),
				Enum.valueOf((Class<Enum>) format, "JSON"));
	}

	static long allocatedBytes() {
		return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
	}

	private static long usedHeap() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		return memory.getHeapMemoryUsage().getUsed();
	}

	static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

}
