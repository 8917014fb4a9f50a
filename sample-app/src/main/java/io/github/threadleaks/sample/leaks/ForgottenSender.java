package io.github.threadleaks.sample.leaks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.SynchronousQueue;

/**
 * Go: three goroutines send on an unbuffered channel, the caller receives once. JVM:
 * three {@code put}s, one {@code take}.
 */
final class ForgottenSender implements LeakPattern {

	private final LeakedThreads threads = new LeakedThreads("search-replica");

	@Override
	public String id() {
		return "forgotten-sender";
	}

	@Override
	public String description() {
		return "3 threads SynchronousQueue.put a result, the caller take()s the first one and forgets the rest "
				+ "(Go: forgotten sender)";
	}

	@Override
	public int threadsPerRequest() {
		return 2;
	}

	@Override
	public void leakOnce() throws InterruptedException {
		SynchronousQueue<Thread> results = new SynchronousQueue<>();
		List<Thread> replicas = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			replicas.add(this.threads.start(() -> {
				try {
					results.put(Thread.currentThread());
				}
				catch (InterruptedException ex) {
					// Released.
				}
			}));
		}
		// Parked in put: nothing but a take() or an interrupt can wake them, so each is
		// WAITING only there.
		for (Thread replica : replicas) {
			Await.state(replica, Thread.State.WAITING);
		}
		Thread answered = results.take();
		// The replica whose result was taken may still be WAITING, unparked but not yet
		// run: wait for its end.
		Await.state(answered, Thread.State.TERMINATED);
	}

	@Override
	public int leaked() {
		return this.threads.alive();
	}

	@Override
	public int release() {
		return this.threads.interruptAndJoin();
	}

}
