package io.github.threadleaks.sample.leaks;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * Go: {@code WaitGroup.Add(5)} with three {@code Done()}s. JVM: {@code CountDownLatch(5)}
 * counted down three times.
 */
final class LatchNeverReachesZero implements LeakPattern {

	private final LeakedThreads threads = new LeakedThreads("batch-collector");

	private final List<CountDownLatch> latches = new CopyOnWriteArrayList<>();

	@Override
	public String id() {
		return "latch-never-reaches-zero";
	}

	@Override
	public String description() {
		return "a collector await()s a CountDownLatch(5) that only 3 parts count down "
				+ "(Go: WaitGroup Add/Done mismatch)";
	}

	@Override
	public int threadsPerRequest() {
		return 1;
	}

	@Override
	public void leakOnce() throws InterruptedException {
		CountDownLatch parts = new CountDownLatch(5);
		this.latches.add(parts);
		for (int i = 0; i < 3; i++) {
			parts.countDown();
		}
		Thread collector = this.threads.start(() -> {
			try {
				parts.await();
			}
			catch (InterruptedException ex) {
				// Released.
			}
		});
		Await.state(collector, Thread.State.WAITING);
	}

	@Override
	public int leaked() {
		return this.threads.alive();
	}

	@Override
	public int release() {
		for (CountDownLatch latch : this.latches) {
			while (latch.getCount() > 0) {
				latch.countDown();
			}
		}
		this.latches.clear();
		return this.threads.joinAll();
	}

}
