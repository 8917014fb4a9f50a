package io.github.threadleaks.junit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Every thread and executor the examples start, so that the extension's tests can stop
 * them all after each test and prove that none survives. Waits poll a thread's state or
 * stack, never a fixed sleep.
 */
final class ExampleThreads {

	/**
	 * How long a wait for a thread's state may take before the test fails: a hang guard,
	 * not a timing.
	 */
	private static final Duration HANG_GUARD = Duration.ofSeconds(30);

	private static final List<Thread> THREADS = new CopyOnWriteArrayList<>();

	private static final List<ExecutorService> EXECUTORS = new CopyOnWriteArrayList<>();

	private ExampleThreads() {
	}

	/** Starts a thread, recorded. */
	static Thread start(String name, Runnable body) {
		Thread thread = new Thread(body, name);
		thread.setDaemon(true);
		THREADS.add(thread);
		thread.start();
		return thread;
	}

	/**
	 * A factory naming threads as {@link Executors#defaultThreadFactory()} does
	 * ({@code pool-1-thread-1}), recorded.
	 */
	static ThreadFactory poolFactory() {
		ThreadFactory names = Executors.defaultThreadFactory();
		return (task) -> record(names.newThread(task));
	}

	/** A factory naming threads {@code prefix1}, {@code prefix2}..., recorded. */
	static ThreadFactory factory(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> record(new Thread(task, prefix + count.incrementAndGet()));
	}

	private static Thread record(Thread thread) {
		thread.setDaemon(true);
		THREADS.add(thread);
		return thread;
	}

	/** Records an executor, to be shut down after the test. */
	static <E extends ExecutorService> E track(E executor) {
		EXECUTORS.add(executor);
		return executor;
	}

	/**
	 * Waits until the thread is parked or blocked with the given method
	 * ({@code class.method}) on its stack.
	 */
	static void awaitParkedIn(Thread thread, String method) {
		awaitStack(thread, (stack) -> thread.getState() != Thread.State.RUNNABLE && contains(stack, method),
				"parked in " + method);
	}

	/**
	 * Waits until the thread is waiting in {@link Thread#join}: the extension is
	 * lingering.
	 */
	static void awaitJoining(Thread thread) {
		awaitStack(thread, (stack) -> contains(stack, "java.lang.Thread.join"), "joining a thread");
	}

	/**
	 * Waits until every recorded thread whose name starts with the prefix is parked in
	 * the given method.
	 */
	static void awaitAllParkedIn(String namePrefix, int count, String method) {
		long deadline = System.nanoTime() + HANG_GUARD.toNanos();
		while (true) {
			List<Thread> named = THREADS.stream().filter((thread) -> thread.getName().startsWith(namePrefix)).toList();
			if (named.size() >= count) {
				named.forEach((thread) -> awaitParkedIn(thread, method));
				return;
			}
			guard(deadline, count + " threads named " + namePrefix + "*");
		}
	}

	private static void awaitStack(Thread thread, Predicate<StackTraceElement[]> reached, String what) {
		long deadline = System.nanoTime() + HANG_GUARD.toNanos();
		while (!reached.test(thread.getStackTrace())) {
			if (Thread.currentThread().isInterrupted()) {
				throw new IllegalStateException("interrupted while waiting for " + thread.getName() + " " + what);
			}
			guard(deadline, thread.getName() + " " + what);
		}
	}

	private static void guard(long deadline, String what) {
		if (System.nanoTime() - deadline > 0) {
			throw new AssertionError("hang guard: waited " + HANG_GUARD + " for " + what);
		}
		Thread.yield();
	}

	private static boolean contains(StackTraceElement[] stack, String method) {
		for (StackTraceElement frame : stack) {
			if (method.equals(frame.getClassName() + "." + frame.getMethodName())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Shuts every recorded executor down, interrupts every recorded thread and waits for
	 * each; returns what is still running (nothing, unless an example ignored
	 * interrupts). The records are cleared.
	 */
	static List<String> stopAll() throws InterruptedException {
		for (ExecutorService executor : EXECUTORS) {
			executor.shutdownNow();
		}
		for (Thread thread : THREADS) {
			thread.interrupt();
		}
		List<String> running = new ArrayList<>();
		for (ExecutorService executor : EXECUTORS) {
			if (!executor.awaitTermination(HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS)) {
				running.add(executor.toString());
			}
		}
		for (Thread thread : THREADS) {
			thread.join(HANG_GUARD.toMillis());
			if (thread.isAlive()) {
				running.add(thread.getName());
			}
		}
		EXECUTORS.clear();
		THREADS.clear();
		return running;
	}

}
