package io.github.threadleaks.junit;

import java.util.concurrent.SynchronousQueue;

import org.junit.jupiter.api.Test;

/**
 * An example test that leaves one thread, {@code leaky-1}, parked in
 * {@link SynchronousQueue#put} for ever. Subclasses annotate it to show how each setting
 * changes the verdict.
 */
abstract class LeakyThreadExample {

	static final String PUT = "java.util.concurrent.SynchronousQueue.put";

	@Test
	void leavesOneThreadBehind() {
		SynchronousQueue<String> queue = new SynchronousQueue<>();
		Thread leaky = ExampleThreads.start("leaky-1", () -> {
			try {
				queue.put("result nobody takes");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		ExampleThreads.awaitParkedIn(leaky, PUT);
	}

}
