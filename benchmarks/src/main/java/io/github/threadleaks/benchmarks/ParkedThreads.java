package io.github.threadleaks.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A population of real platform threads that sit still about 40 frames deep in the places
 * leaked and idle threads sit in a service: parked ({@code WAITING}), parked with a
 * timeout ({@code TIMED_WAITING}), blocked on a monitor another thread holds
 * ({@code BLOCKED}) and in {@code Object.wait} ({@code WAITING}). They come in several
 * named pools, so the engine sees a few dozen stack groups, as in a real service.
 * {@link #move(double)} wakes a share of them and returns once each has come back to rest
 * in the same place, as the workers of a busy pool do between two samples.
 */
public final class ParkedThreads implements AutoCloseable {

	/**
	 * Frames of our own between the thread's entry point and the JDK frames of the place
	 * it rests in.
	 */
	static final int OWN_FRAMES = 34;

	private static final long STACK_SIZE = 256 * 1024;

	/**
	 * Pool names; digits in thread names are folded by the engine, so each pool is one
	 * name.
	 */
	private static final String[] POOLS = { "orders-worker", "billing-worker", "search-replica", "mail-sender",
			"report-builder", "cache-loader", "audit-writer", "feed-poller" };

	/** Where a thread rests. */
	enum Place {

		PARKED(Thread.State.WAITING), TIMED_PARKED(Thread.State.TIMED_WAITING), BLOCKED(Thread.State.BLOCKED),
		IN_OBJECT_WAIT(Thread.State.WAITING);

		final Thread.State state;

		Place(Thread.State state) {
			this.state = state;
		}

	}

	private final List<Sitter> sitters;

	private final List<Thread> threads;

	/**
	 * One thread per pool holds the monitor that the pool's BLOCKED threads wait to
	 * enter.
	 */
	private final List<Thread> holders;

	private final Object[] heldMonitors;

	private volatile boolean closing;

	private ParkedThreads(int count) {
		this.sitters = new ArrayList<>(count);
		this.threads = new ArrayList<>(count);
		this.holders = new ArrayList<>(POOLS.length);
		this.heldMonitors = new Object[POOLS.length];
	}

	/**
	 * Starts {@code count} threads (plus one monitor holder per pool), a quarter in each
	 * place, and returns once every one rests in its place.
	 */
	public static ParkedThreads start(int count) {
		return start(count, Place.values());
	}

	/**
	 * Starts {@code count} threads (plus one monitor holder per pool) spread evenly over
	 * the given places, and returns once every one rests in its place.
	 */
	static ParkedThreads start(int count, Place... places) {
		if (places.length == 0) {
			throw new IllegalArgumentException("At least one place is needed");
		}
		if (count < 1) {
			throw new IllegalArgumentException("count must be at least 1 but was " + count);
		}
		ParkedThreads population = new ParkedThreads(count);
		try {
			population.startHolders();
			for (int i = 0; i < count; i++) {
				Place place = places[i % places.length];
				int pool = (i / places.length) % POOLS.length;
				population.startSitter(new Sitter(place, population.heldMonitors[pool], population),
						POOLS[pool] + "-" + i);
			}
			for (int i = 0; i < population.sitters.size(); i++) {
				population.awaitRest(i, 0);
			}
			return population;
		}
		catch (RuntimeException | Error ex) {
			population.close();
			throw ex;
		}
	}

	/** The threads started, monitor holders left out. */
	public int size() {
		return this.sitters.size();
	}

	/**
	 * Wakes {@code share} of the threads that can wake (all but the BLOCKED ones), spread
	 * over the population, and returns once each has gone back to rest in the same place.
	 * The same threads move every time, as a pool's busy workers do.
	 */
	public void move(double share) {
		List<Integer> movable = movable();
		int moving = (int) Math.round(share * this.sitters.size());
		if (moving > movable.size()) {
			throw new IllegalArgumentException("At most " + movable.size() + " of " + this.sitters.size()
					+ " threads can move (BLOCKED ones cannot), but " + moving + " were asked to");
		}
		int[] chosen = new int[moving];
		long[] restsBefore = new long[moving];
		for (int i = 0; i < moving; i++) {
			chosen[i] = movable.get((int) ((long) i * movable.size() / Math.max(1, moving)));
			restsBefore[i] = this.sitters.get(chosen[i]).rests;
			this.sitters.get(chosen[i]).wake(this.threads.get(chosen[i]));
		}
		for (int i = 0; i < moving; i++) {
			awaitRest(chosen[i], restsBefore[i]);
		}
	}

	private List<Integer> movable() {
		List<Integer> movable = new ArrayList<>();
		for (int i = 0; i < this.sitters.size(); i++) {
			if (this.sitters.get(i).place != Place.BLOCKED) {
				movable.add(i);
			}
		}
		return movable;
	}

	/**
	 * Waits until sitter {@code i} has come to rest more often than {@code restsBefore}
	 * and is back in place.
	 */
	private void awaitRest(int i, long restsBefore) {
		Sitter sitter = this.sitters.get(i);
		Thread thread = this.threads.get(i);
		// The counter rises just before the thread rests; its state then says it has got
		// there.
		while (sitter.rests <= restsBefore || thread.getState() != sitter.place.state) {
			if (!thread.isAlive()) {
				throw new IllegalStateException(thread.getName() + " ended before it came to rest");
			}
			Thread.onSpinWait();
		}
	}

	private void startHolders() {
		for (int pool = 0; pool < POOLS.length; pool++) {
			Object monitor = new Object();
			this.heldMonitors[pool] = monitor;
			Thread holder = new Thread(null, () -> hold(monitor), POOLS[pool] + "-lock-holder", STACK_SIZE);
			holder.setDaemon(true);
			holder.start();
			this.holders.add(holder);
			while (holder.getState() != Thread.State.WAITING) {
				Thread.onSpinWait();
			}
		}
	}

	private void hold(Object monitor) {
		synchronized (monitor) {
			while (!this.closing) {
				LockSupport.park(this);
			}
		}
	}

	private void startSitter(Sitter sitter, String name) {
		Thread thread = new Thread(null, sitter, name, STACK_SIZE);
		thread.setDaemon(true);
		this.sitters.add(sitter);
		this.threads.add(thread);
		thread.start();
	}

	/** Releases every thread and waits for all of them to end. */
	@Override
	public void close() {
		this.closing = true;
		for (int i = 0; i < this.threads.size(); i++) {
			this.sitters.get(i).wake(this.threads.get(i));
		}
		for (Thread holder : this.holders) {
			LockSupport.unpark(holder);
		}
		boolean interrupted = false;
		List<Thread> all = new ArrayList<>(this.threads);
		all.addAll(this.holders);
		for (Thread thread : all) {
			while (thread.isAlive()) {
				try {
					thread.join();
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * One thread's body: descends {@link #OWN_FRAMES} frames, then rests in its place
	 * until closed.
	 */
	private static final class Sitter implements Runnable {

		private static final long ONE_HOUR_NANOS = 3_600_000_000_000L;

		final Place place;

		/**
		 * This thread's own monitor for {@code Object.wait}; the pool's held monitor for
		 * BLOCKED.
		 */
		private final Object monitor;

		private final ParkedThreads population;

		/**
		 * How often the thread has come to rest; written by the thread, read by
		 * {@link ParkedThreads#move}.
		 */
		volatile long rests;

		Sitter(Place place, Object heldMonitor, ParkedThreads population) {
			this.place = place;
			this.monitor = (place == Place.BLOCKED) ? heldMonitor : new Object();
			this.population = population;
		}

		@Override
		public void run() {
			descend(OWN_FRAMES);
		}

		private void descend(int depth) {
			if (depth > 1) {
				descend(depth - 1);
				return;
			}
			rest();
		}

		private void rest() {
			switch (this.place) {
				case PARKED -> {
					while (!this.population.closing) {
						this.rests++;
						LockSupport.park(this);
					}
				}
				case TIMED_PARKED -> {
					while (!this.population.closing) {
						this.rests++;
						LockSupport.parkNanos(this, ONE_HOUR_NANOS);
					}
				}
				case BLOCKED -> {
					this.rests++;
					synchronized (this.monitor) {
						// Entered only once the holder lets go, at close.
						this.rests++;
					}
				}
				case IN_OBJECT_WAIT -> waitOnMonitor();
			}
		}

		private void waitOnMonitor() {
			synchronized (this.monitor) {
				while (!this.population.closing) {
					this.rests++;
					try {
						this.monitor.wait();
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}
		}

		void wake(Thread thread) {
			switch (this.place) {
				case PARKED, TIMED_PARKED -> LockSupport.unpark(thread);
				case IN_OBJECT_WAIT -> {
					synchronized (this.monitor) {
						this.monitor.notifyAll();
					}
				}
				case BLOCKED -> {
					// Released when its pool's holder lets go of the monitor.
				}
			}
		}

	}

}
