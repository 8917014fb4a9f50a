package io.github.threadleaks.core.creation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Markers committed into a {@link ThreadStartEvents} stream and the waits for their
 * delivery: a marker is delivered after every event committed before it, so its delivery
 * says the stream has caught up.
 */
final class CatchUpMarkers {

	/** How often a wait commits a new marker until one is delivered. */
	static final long MARKER_PERIOD_MILLIS = 250;

	private static final AtomicLong tokens = new AtomicLong();

	private final Map<Long, CountDownLatch> waiting = new ConcurrentHashMap<>();

	/**
	 * Waits until a marker committed into the stream {@code running} gives (re-read at
	 * each marker, {@code null} once it no longer runs) is delivered, at most
	 * {@code timeout}; commits one every {@value #MARKER_PERIOD_MILLIS} ms until then.
	 * Returns whether one was delivered; {@code false} at once when the stream does not
	 * run.
	 */
	boolean await(Duration timeout, Supplier<@Nullable ThreadStartEvents> running) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		CountDownLatch delivered = new CountDownLatch(1);
		List<Long> committed = new ArrayList<>();
		try {
			while (true) {
				ThreadStartEvents events = running.get();
				if (events == null) {
					return false;
				}
				long token = tokens.incrementAndGet();
				this.waiting.put(token, delivered);
				committed.add(token);
				events.commitMarker(token);
				long left = deadline - System.nanoTime();
				if (delivered.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(MARKER_PERIOD_MILLIS)),
						TimeUnit.NANOSECONDS)) {
					return true;
				}
				if (deadline - System.nanoTime() <= 0) {
					return false;
				}
			}
		}
		finally {
			committed.forEach(this.waiting::remove);
		}
	}

	/** The marker {@code token} was delivered: its wait ends. */
	void delivered(long token) {
		CountDownLatch wait = this.waiting.get(token);
		if (wait != null) {
			wait.countDown();
		}
	}

}
