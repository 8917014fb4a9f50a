package io.github.threadleaks.core.creation;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.github.threadleaks.core.StackFrame;
import org.jspecify.annotations.Nullable;

/**
 * Takes a {@link ThreadStartEvents} stream's events in, on its reading thread: starts and
 * ends into the {@link LiveThreadOrigins}, counted and timed, then told to the listener;
 * markers to the {@link CatchUpMarkers}. Every {@value #ROTATE_EVERY_STARTS} starts it
 * ends the recording's chunk.
 */
final class StartEventHandler implements ThreadStartEvents.Handler {

	/**
	 * Thread starts after which the recording's chunk is ended: JFR's reader keeps about
	 * 200 bytes of heap per thread started in the current chunk, which JFR ends only at
	 * 12 MB of data by default.
	 */
	static final int ROTATE_EVERY_STARTS = 10_000;

	private final LiveThreadOrigins origins;

	private final CatchUpMarkers markers;

	private final Supplier<@Nullable ThreadStartEvents> events;

	private final AtomicLong threadStarts = new AtomicLong();

	private final AtomicLong handlingNanos = new AtomicLong();

	private volatile @Nullable ThreadStartListener listener;

	/**
	 * A handler that feeds {@code origins} and {@code markers} and rotates the stream
	 * {@code events} gives ({@code null} once it no longer runs).
	 */
	StartEventHandler(LiveThreadOrigins origins, CatchUpMarkers markers, Supplier<@Nullable ThreadStartEvents> events) {
		this.origins = origins;
		this.markers = markers;
		this.events = events;
	}

	/** Tells {@code listener} of the starts and ends from now on; {@code null} stops. */
	void listen(@Nullable ThreadStartListener listener) {
		this.listener = listener;
	}

	/** Thread starts taken in so far. */
	long threadStarts() {
		return this.threadStarts.get();
	}

	/** Time spent taking starts and ends in, in nanoseconds. */
	long handlingNanos() {
		return this.handlingNanos.get();
	}

	@Override
	public void started(long threadId, long starterThreadId, Instant startTime, List<StackFrame> starterFrames) {
		long began = System.nanoTime();
		this.origins.started(threadId, starterThreadId, starterFrames);
		long starts = this.threadStarts.incrementAndGet();
		this.handlingNanos.addAndGet(System.nanoTime() - began);
		ThreadStartListener told = this.listener;
		if (told != null) {
			told.started(threadId, starterThreadId, startTime);
		}
		if (starts % ROTATE_EVERY_STARTS == 0) {
			rotate();
		}
	}

	private void rotate() {
		ThreadStartEvents current = this.events.get();
		if (current != null) {
			try {
				current.rotate();
			}
			catch (RuntimeException ex) {
				// Memory is then released at JFR's own rotation; tracking goes on.
			}
		}
	}

	@Override
	public void ended(long threadId) {
		long began = System.nanoTime();
		this.origins.ended(threadId);
		this.handlingNanos.addAndGet(System.nanoTime() - began);
		ThreadStartListener told = this.listener;
		if (told != null) {
			told.ended(threadId);
		}
	}

	@Override
	public void marker(long token) {
		this.markers.delivered(token);
	}

}
