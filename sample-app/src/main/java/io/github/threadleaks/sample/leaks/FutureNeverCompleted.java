package io.github.threadleaks.sample.leaks;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;

/**
 * Go: receiving from a nil channel. JVM: {@code CompletableFuture.get()} on a future
 * nobody completes.
 */
final class FutureNeverCompleted implements LeakPattern {

	private final LeakedThreads threads = new LeakedThreads("report-waiter");

	private final List<CompletableFuture<String>> pending = new CopyOnWriteArrayList<>();

	@Override
	public String id() {
		return "future-never-completed";
	}

	@Override
	public String description() {
		return "a thread get()s a CompletableFuture whose producer failed without completing it "
				+ "(Go: receive on a nil channel)";
	}

	@Override
	public int threadsPerRequest() {
		return 1;
	}

	@Override
	public void leakOnce() throws InterruptedException {
		CompletableFuture<String> report = new CompletableFuture<>();
		this.pending.add(report);
		Thread waiter = this.threads.start(() -> {
			try {
				report.get();
			}
			catch (InterruptedException | ExecutionException ex) {
				// Released.
			}
		});
		Await.state(waiter, Thread.State.WAITING);
	}

	@Override
	public int leaked() {
		return this.threads.alive();
	}

	@Override
	public int release() {
		this.pending.forEach((future) -> future.complete("released"));
		this.pending.clear();
		return this.threads.joinAll();
	}

}
