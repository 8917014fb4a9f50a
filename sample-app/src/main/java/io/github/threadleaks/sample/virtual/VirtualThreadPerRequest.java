package io.github.threadleaks.sample.virtual;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * A benign workload: a virtual thread per request, as a service on virtual threads serves
 * them. Each call serves N requests at once, each a little computation and a short wait
 * for a pretend backend, and returns when all are served and their threads have ended.
 * Nothing is left behind, however many requests.
 */
@Component
public class VirtualThreadPerRequest {

	private final AtomicLong served = new AtomicLong();

	/**
	 * Serves {@code requests} requests, each on a virtual thread of its own; returns how
	 * many were served in all.
	 */
	public long serve(int requests) throws InterruptedException {
		ExecutorService executor = VirtualThreadExecutors.newPerTaskExecutor();
		try {
			for (int i = 0; i < requests; i++) {
				executor.execute(this::serveOne);
			}
		}
		finally {
			executor.shutdown();
			if (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
				executor.shutdownNow();
			}
		}
		return this.served.get();
	}

	private void serveOne() {
		long checksum = 0;
		for (int i = 0; i < 10_000; i++) {
			checksum += Long.rotateLeft(checksum ^ i, 7);
		}
		try {
			// The backend's answer takes a few milliseconds: the request's virtual thread
			// parks meanwhile.
			Thread.sleep(5);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.served.addAndGet((checksum == 42) ? 2 : 1);
	}

}
