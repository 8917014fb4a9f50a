package io.github.threadleaks.sample.leaks;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Go: a mutex locked and never unlocked. JVM: a thread took a {@link ReentrantLock} and
 * ended without {@code unlock()}; every later caller waits for good. The report shows the
 * lock's owner as ended.
 */
final class LockNeverUnlocked implements LeakPattern {

	private final LeakedThreads threads = new LeakedThreads("inventory-updater");

	private final LeakedThreads holders = new LeakedThreads("inventory-loader");

	private ReentrantLock lock = new ReentrantLock();

	@Override
	public String id() {
		return "lock-never-unlocked";
	}

	@Override
	public String description() {
		return "a thread took a ReentrantLock and ended without unlock(); every later lock() waits forever "
				+ "(Go: mutex never unlocked)";
	}

	@Override
	public int threadsPerRequest() {
		return 1;
	}

	@Override
	public synchronized void leakOnce() throws InterruptedException {
		ReentrantLock held = this.lock;
		if (!held.isLocked()) {
			// The bug: an early return skips the unlock. The holder ends, the lock stays
			// taken.
			Thread holder = this.holders.start(held::lock);
			holder.join();
		}
		Thread updater = this.threads.start(() -> {
			try {
				// Interruptible only so that the demo can release it; a plain lock()
				// would wait even through that.
				held.lockInterruptibly();
			}
			catch (InterruptedException ex) {
				// Released.
			}
		});
		Await.state(updater, Thread.State.WAITING);
	}

	@Override
	public int leaked() {
		return this.threads.alive();
	}

	@Override
	public synchronized int release() {
		// The old lock can never be unlocked: its owner is gone. Later requests get a
		// fresh one.
		this.lock = new ReentrantLock();
		this.holders.joinAll();
		return this.threads.interruptAndJoin();
	}

}
