package io.github.threadleaks.reachability;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import io.github.threadleaks.core.GroupDetail;
import io.github.threadleaks.core.StackGroupReport;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.ThreadLeaksSettings;

import static org.assertj.core.api.Assertions.fail;

/**
 * Real threads blocked in real JDK primitives, for tests. Holds only the {@code Thread}
 * objects, never what they wait on: a reference kept here would reach their blockers and
 * change the verdict under test. On {@link #release()} interrupts and joins every thread,
 * failing the test if one outlives the deadline.
 */
final class LeakyThreads {

	/** Every thread started here is named with this prefix. */
	static final String PREFIX = "reachability-test-";

	/**
	 * How long a wait may take before the test fails: far beyond what a healthy run
	 * needs, even on 2 cores.
	 */
	static final Duration DEADLINE = Duration.ofSeconds(30);

	private final Queue<Thread> threads = new ConcurrentLinkedQueue<>();

	private final AtomicInteger sequence = new AtomicInteger();

	/** A task that may block and throw; an interrupt ends it quietly. */
	@FunctionalInterface
	interface Body {

		void run() throws Exception;

	}

	/**
	 * Starts a thread named {@code reachability-test-<role>-<n>} and waits until it sits
	 * in {@code state}.
	 */
	Thread start(String role, Thread.State state, Body body) {
		Thread thread = factory(role).newThread(() -> {
			try {
				body.run();
			}
			catch (InterruptedException ex) {
				// The fixture's release.
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		thread.start();
		awaitState(thread, state);
		return thread;
	}

	/**
	 * A factory of threads named for {@code role}, all ended on {@link #release()}: for
	 * executors under test.
	 */
	ThreadFactory factory(String role) {
		return (task) -> {
			Thread thread = new Thread(task, PREFIX + role + "-" + this.sequence.incrementAndGet());
			this.threads.add(thread);
			return thread;
		};
	}

	/** Waits until {@code thread} sits in {@code state}. */
	static void awaitState(Thread thread, Thread.State state) {
		await(() -> thread.getState() == state, thread.getName() + " to be " + state);
	}

	/**
	 * Waits until every thread of this fixture whose name starts with the role's prefix
	 * sits in {@code state}.
	 */
	void awaitAll(String role, int count, Thread.State state) {
		await(() -> this.threads.stream()
			.filter((thread) -> thread.getName().startsWith(PREFIX + role + "-"))
			.filter((thread) -> thread.getState() == state)
			.count() == count, count + " " + role + " threads to be " + state);
	}

	static void await(BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + DEADLINE.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				fail("Timed out waiting for " + what);
			}
			Thread.onSpinWait();
		}
	}

	/**
	 * The stack group of the threads started for {@code role}, with its members, as a
	 * real sample finds it.
	 */
	static GroupDetail group(String role) {
		ThreadLeakMonitor monitor = new ThreadLeakMonitor(ThreadLeaksSettings.defaults());
		StackGroupReport group = monitor.sample()
			.groups()
			.stream()
			.filter((candidate) -> candidate.name().startsWith(PREFIX + role + "-"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No group of " + role + " threads"));
		return monitor.group(group.id()).orElseThrow();
	}

	/** Interrupts every thread started here and waits for each to end. */
	void release() throws InterruptedException {
		for (Thread thread : this.threads) {
			thread.interrupt();
		}
		for (Thread thread : this.threads) {
			thread.join(DEADLINE.toMillis());
			if (thread.isAlive()) {
				fail(thread.getName() + " outlived the test");
			}
		}
	}

}
