package io.github.threadleaks.core.virtual;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The churn of the virtual-thread stress tests: pairs handing a token back and forth and
 * short-lived virtual threads starting and ending without pause, with a leak grown on
 * demand.
 */
final class VirtualThreadChurn {

	private VirtualThreadChurn() {
	}

	/**
	 * Starts the churn on a virtual thread of {@code churn}, until it is closed: the
	 * pairs {@code startPairs} starts, then short-lived virtual threads (counted in
	 * {@code shortLived}); meanwhile as many threads as {@code toLeak} asks are started
	 * on {@code leaked}, parked for good in {@code forgotten.put}. Everything starts from
	 * that thread: on two cores a thread started from outside waits behind the churn.
	 */
	static void start(VirtualThreads churn, Runnable startPairs, VirtualThreads leaked,
			SynchronousQueue<Object> forgotten, AtomicInteger toLeak, AtomicLong shortLived)
			throws ReflectiveOperationException {
		// Straight on an executor of its own: the helper would keep every one of these
		// threads.
		ExecutorService shortLivedThreads = (ExecutorService) Executors.class
			.getMethod("newVirtualThreadPerTaskExecutor")
			.invoke(null);
		churn.start(1, () -> {
			startPairs.run();
			try {
				// Ten at a time, each batch awaited: an unbounded stream of starts would
				// starve the scheduler.
				List<Future<?>> batch = new ArrayList<>();
				while (!Thread.currentThread().isInterrupted()) {
					int leaks = toLeak.getAndSet(0);
					if (leaks > 0) {
						leaked.start(leaks, () -> {
							forgotten.put(new Object());
							return null;
						});
					}
					for (int i = 0; i < 10; i++) {
						batch.add(shortLivedThreads.submit(shortLived::incrementAndGet));
					}
					for (Future<?> started : batch) {
						started.get();
					}
					batch.clear();
				}
			}
			finally {
				shortLivedThreads.shutdown();
				shortLivedThreads.awaitTermination(1, TimeUnit.MINUTES);
			}
			return null;
		});
	}

}
