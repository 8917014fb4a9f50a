package io.github.threadleaks.sample.leaks;

import java.util.concurrent.LinkedBlockingQueue;

/**
 * Go: a goroutine receives from a channel nobody sends on. JVM: {@code take()} from a
 * queue nobody writes.
 */
final class AbandonedReceiver implements LeakPattern {

	private final LeakedThreads threads = new LeakedThreads("event-listener");

	@Override
	public String id() {
		return "abandoned-receiver";
	}

	@Override
	public String description() {
		return "a listener thread take()s from a queue that nobody will ever write to (Go: abandoned receiver)";
	}

	@Override
	public int threadsPerRequest() {
		return 1;
	}

	@Override
	public void leakOnce() throws InterruptedException {
		LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
		Thread listener = this.threads.start(() -> {
			try {
				events.take();
			}
			catch (InterruptedException ex) {
				// Released.
			}
		});
		Await.state(listener, Thread.State.WAITING);
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
