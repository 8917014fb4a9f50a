package io.github.threadleaks.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.threadleaks.core.ThreadLeaksSettings;
import io.github.threadleaks.core.virtual.ContainerThreadSource;
import io.github.threadleaks.core.virtual.VirtualThreadMonitor;
import io.github.threadleaks.core.virtual.VirtualThreadSettings;

/**
 * The cost of one steady listing of the virtual threads through the thread containers
 * (JDK 21+, run with {@value ContainerThreadSource#JVM_FLAG}), printed as Markdown rows:
 * at each given number of virtual threads parked about 45 frames deep, a whole
 * threadleaks sample ({@link ContainerThreadSource} and the engine) in time and
 * allocation, with none of the threads moving between two listings, and with a tenth of
 * them woken between two listings to park again elsewhere; against the JVM's JSON thread
 * dump of the same threads. A plain timing loop (median of 5 rounds after two warm-up
 * listings), not JMH: one listing of round two took seconds.
 * <p>
 * Usage: {@code java --add-exports java.base/jdk.internal.vm=ALL-UNNAMED -cp
 * benchmarks.jar io.github.threadleaks.benchmarks.VirtualThreadListingCost 10000 100000}
 * ({@code --no-dump} leaves the dump out, for a JFR recording of the listings alone).
 */
public final class VirtualThreadListingCost {

	private static final int DEPTH = 40;

	private static final int ROUNDS = 5;

	private static final int DUMP_ROUNDS = 3;

	/** One thread in this many moves between two listings, in the moving rows. */
	private static final int MOVING_SHARE = 10;

	private VirtualThreadListingCost() {
	}

	public static void main(String[] args) throws Exception {
		String unavailable = ContainerThreadSource.unavailableReason();
		if (unavailable != null) {
			System.err.println("The container source cannot be measured here: " + unavailable);
			System.exit(1);
		}
		System.out.println("| virtual threads | moving between listings | listing, ms | listing, allocated MB "
				+ "| JSON dump, ms | JSON dump, allocated MB | listing / dump, time |");
		System.out.println("|---|---|---|---|---|---|---|");
		boolean withDump = !Arrays.asList(args).contains("--no-dump");
		int[] sizes = Arrays.stream(args).filter((arg) -> !arg.startsWith("--")).mapToInt(Integer::parseInt).toArray();
		for (int size : (sizes.length > 0) ? sizes : new int[] { 10_000, 100_000 }) {
			measure(size, withDump);
		}
	}

	private static void measure(int size, boolean withDump) throws Exception {
		ExecutorService executor = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
			.invoke(null);
		SynchronousQueue<Object> forever = new SynchronousQueue<>();
		AtomicReference<CountDownLatch> gate = new AtomicReference<>(new CountDownLatch(1));
		AtomicInteger arrivals = new AtomicInteger();
		List<Thread> movers = new ArrayList<>();
		List<Thread> parked = new ArrayList<>();
		int moving = size / MOVING_SHARE;
		try {
			for (int i = 0; i < size; i++) {
				boolean mover = i < moving;
				executor.execute(() -> {
					synchronized (parked) {
						(mover ? movers : parked).add(Thread.currentThread());
					}
					if (mover) {
						move(gate, arrivals);
					}
					else {
						deep(DEPTH, () -> forever.put(Thread.currentThread()));
					}
				});
			}
			awaitParked(parked, movers, size, moving);
			VirtualThreadMonitor monitor = new VirtualThreadMonitor(ThreadLeaksSettings.defaults(),
					VirtualThreadSettings.builder().maxSampleTime(Duration.ofMinutes(10)).build(),
					ContainerThreadSource.of(32, Integer.MAX_VALUE), Clock.systemUTC());
			monitor.sample();
			monitor.sample();
			double[] dump = withDump ? dump() : new double[] { Double.NaN, Double.NaN };
			double[] still = listings(monitor, gate, arrivals, movers, 0);
			double[] moved = listings(monitor, gate, arrivals, movers, moving);
			print(size, "0 %", still, dump);
			print(size, (100 / MOVING_SHARE) + " %", moved, dump);
			if (monitor.report().groups().isEmpty()) {
				throw new IllegalStateException("The listing found no group");
			}
		}
		finally {
			executor.shutdownNow();
			executor.awaitTermination(1, TimeUnit.MINUTES);
		}
	}

	private static void print(int size, String moving, double[] listing, double[] dump) {
		System.out.printf(Locale.ROOT, "| %,d | %s | %.0f | %.1f | %.0f | %.0f | %.3f× |%n", size, moving, listing[0],
				listing[1] / 1e6, dump[0], dump[1] / 1e6, listing[0] / dump[0]);
	}

	/**
	 * Median time and the allocation of the median round of {@link #ROUNDS} listings, the
	 * movers woken before each.
	 */
	private static double[] listings(VirtualThreadMonitor monitor, AtomicReference<CountDownLatch> gate,
			AtomicInteger arrivals, List<Thread> movers, int moving) {
		double[] millis = new double[ROUNDS];
		double[] bytes = new double[ROUNDS];
		for (int i = 0; i < ROUNDS; i++) {
			if (moving > 0) {
				int expected = arrivals.get() + moving;
				gate.getAndSet(new CountDownLatch(1)).countDown();
				awaitMoved(movers, arrivals, expected);
			}
			long allocated = VirtualThreadCost.allocatedBytes();
			long begin = System.nanoTime();
			monitor.sample();
			millis[i] = (System.nanoTime() - begin) / 1e6;
			bytes[i] = VirtualThreadCost.allocatedBytes() - allocated;
		}
		return new double[] { VirtualThreadCost.median(millis), VirtualThreadCost.median(bytes) };
	}

	/**
	 * The JSON dump of the same parked threads, none moving: it crashes JDK 25.0.3 under
	 * churn.
	 */
	private static double[] dump() throws Exception {
		Path directory = Files.createTempDirectory("threadleaks-listing-");
		double[] millis = new double[DUMP_ROUNDS];
		double[] bytes = new double[DUMP_ROUNDS];
		try {
			for (int i = 0; i < DUMP_ROUNDS; i++) {
				Path file = directory.resolve("dump.json");
				long allocated = VirtualThreadCost.allocatedBytes();
				long begin = System.nanoTime();
				VirtualThreadCost.dump(file);
				millis[i] = (System.nanoTime() - begin) / 1e6;
				bytes[i] = VirtualThreadCost.allocatedBytes() - allocated;
				Files.delete(file);
			}
		}
		finally {
			Files.delete(directory);
		}
		return new double[] { VirtualThreadCost.median(millis), VirtualThreadCost.median(bytes) };
	}

	/** A mover parks on the gate, alternately at two depths, once per round. */
	private static void move(AtomicReference<CountDownLatch> gate, AtomicInteger arrivals) {
		for (int round = 0;; round++) {
			CountDownLatch latch = Objects.requireNonNull(gate.get());
			arrivals.incrementAndGet();
			deep(DEPTH + (round & 1), latch::await);
			if (Thread.currentThread().isInterrupted()) {
				return;
			}
		}
	}

	private static void deep(int depth, Park park) {
		if (depth > 0) {
			deep(depth - 1, park);
			return;
		}
		try {
			park.park();
		}
		catch (InterruptedException ex) {
			// Released at the end.
			Thread.currentThread().interrupt();
		}
	}

	private static void awaitParked(List<Thread> parked, List<Thread> movers, int size, int moving) {
		while (true) {
			synchronized (parked) {
				if (parked.size() + movers.size() == size && allWaiting(parked) && allWaiting(movers)) {
					return;
				}
			}
			Thread.yield();
		}
	}

	private static void awaitMoved(List<Thread> movers, AtomicInteger arrivals, int expected) {
		while (arrivals.get() < expected || !allWaiting(movers)) {
			Thread.yield();
		}
	}

	private static boolean allWaiting(List<Thread> threads) {
		for (Thread thread : threads) {
			if (thread.getState() != Thread.State.WAITING) {
				return false;
			}
		}
		return true;
	}

	/** Where a thread parks. */
	@FunctionalInterface
	private interface Park {

		void park() throws InterruptedException;

	}

}
