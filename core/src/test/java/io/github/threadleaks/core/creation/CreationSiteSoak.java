package io.github.threadleaks.core.creation;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.github.threadleaks.core.CreationSiteTracking;

/**
 * A soak, not a test: the heap the creation-site tracker keeps. First {@code starts}
 * short-lived threads, started and joined in batches of {@code batch} (the heap after a
 * full GC must stay flat: ended threads are forgotten), then {@code held} threads kept
 * alive (the heap per held thread, all started from one place). Run with:
 *
 * <pre>
 * mvn -B -q -pl core test-compile
 * java -Xmx512m -cp core/target/classes:core/target/test-classes \
 *     io.github.threadleaks.core.creation.CreationSiteSoak [starts] [batch] [held]
 * </pre>
 */
public final class CreationSiteSoak {

	private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

	private CreationSiteSoak() {
	}

	public static void main(String[] args) throws InterruptedException {
		int starts = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		int batch = (args.length > 1) ? Integer.parseInt(args[1]) : 500;
		int held = (args.length > 2) ? Integer.parseInt(args[2]) : 10_000;
		CountDownLatch release = new CountDownLatch(1);
		List<Thread> alive = new ArrayList<>();
		try (CreationSiteTracker tracker = new CreationSiteTracker(50_000)) {
			tracker.start();
			catchUp(tracker);
			System.out.printf("%s, max-threads 50000: %d short-lived threads in batches of %d, then %d held%n",
					System.getProperty("java.version"), starts, batch, held);
			System.out.printf("%9s %8s %8s %10s %10s %10s%n", "starts", "held", "sites", "forgotten", "heap MiB",
					"elapsed s");
			long began = System.nanoTime();
			print(tracker, began);
			int every = Math.max(batch, starts / 10);
			for (int done = 0; done < starts; done += batch) {
				CreationSiteBoundTests.startAndJoin(batch);
				if ((done + batch) % every == 0) {
					catchUp(tracker);
					print(tracker, began);
				}
			}
			for (int i = 0; i < held; i++) {
				Thread thread = new Thread(() -> awaitQuietly(release), "held-" + i);
				thread.setDaemon(true);
				thread.start();
				alive.add(thread);
			}
			for (Thread thread : alive) {
				while (thread.getState() != Thread.State.WAITING) {
					Thread.onSpinWait();
				}
			}
			catchUp(tracker);
			print(tracker, began);
		}
		finally {
			release.countDown();
		}
		for (Thread thread : alive) {
			thread.join();
		}
	}

	private static void catchUp(CreationSiteTracker tracker) throws InterruptedException {
		if (!tracker.awaitCatchUp(Duration.ofSeconds(60))) {
			throw new IllegalStateException("the tracker did not catch up: " + tracker.tracking());
		}
	}

	private static void print(CreationSiteTracker tracker, long began) {
		System.gc();
		CreationSiteTracking tracking = tracker.tracking();
		System.out.printf("%9d %8d %8d %10d %10.1f %10.1f%n", tracking.threadStarts(), tracking.trackedThreads(),
				tracker.sharedSites(), tracking.forgottenThreads(),
				MEMORY.getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0),
				Duration.ofNanos(System.nanoTime() - began).toMillis() / 1000.0);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
