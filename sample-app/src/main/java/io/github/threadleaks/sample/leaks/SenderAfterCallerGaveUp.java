package io.github.threadleaks.sample.leaks;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Go: workers send their results after the caller's context timed out and nobody
 * receives. JVM: workers {@code put} into a bounded queue that the caller stopped reading
 * when it gave up.
 */
final class SenderAfterCallerGaveUp implements LeakPattern {

	private final LeakedThreads threads = new LeakedThreads("quote-worker");

	@Override
	public String id() {
		return "sender-after-caller-gave-up";
	}

	@Override
	public String description() {
		return "workers put results into a bounded queue after the caller timed out and stopped reading "
				+ "(Go: send after the context was cancelled)";
	}

	@Override
	public int threadsPerRequest() {
		return 2;
	}

	@Override
	public void leakOnce() throws InterruptedException {
		BlockingQueue<String> quotes = new ArrayBlockingQueue<>(1);
		// The caller gives up at once: its deadline has already passed.
		quotes.poll(0, TimeUnit.MILLISECONDS);
		// The first quote fits the queue and its worker ends.
		Await.state(startWorker(quotes), Thread.State.TERMINATED);
		// One at a time, so that no worker is seen WAITING for the queue's lock instead
		// of for room in it.
		for (int i = 1; i < 3; i++) {
			Await.state(startWorker(quotes), Thread.State.WAITING);
		}
	}

	private Thread startWorker(BlockingQueue<String> quotes) {
		return this.threads.start(() -> {
			try {
				quotes.put("quote");
			}
			catch (InterruptedException ex) {
				// Released.
			}
		});
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
