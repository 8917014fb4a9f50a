package io.github.threadleaks.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.fail;

/**
 * Real platform threads blocked in real JDK primitives, for tests: starts them under
 * distinctive names, waits until each is observably parked where the test wants it, and
 * on {@link #close()} releases, interrupts and joins every one, failing the test if any
 * outlives its deadline. Waits poll thread states and never sleep. Public, with its
 * constructor and {@link #close()}, for the leak corpus that other modules' tests run.
 */
public final class BlockedThreads implements AutoCloseable {

	/**
	 * Every thread started here is named with this prefix, so a test can check that none
	 * outlives it.
	 */
	static final String NAME_PREFIX = "threadleaks-test-";

	/**
	 * Where a thread waits on a {@link java.util.concurrent.locks.Condition}: idle pool
	 * workers, full queues.
	 */
	static final String CONDITION_AWAIT = "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.await";

	/**
	 * How long a wait may take before the test fails: far beyond what a healthy run
	 * needs, even on 2 cores.
	 */
	static final Duration DEADLINE = Duration.ofSeconds(20);

	private final Queue<Thread> threads = new ConcurrentLinkedQueue<>();

	private final Deque<Release> releases = new ConcurrentLinkedDeque<>();

	private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();

	private final Map<String, AtomicInteger> sequences = new ConcurrentHashMap<>();

	/**
	 * Threads ended on purpose before {@link #close()}: their interrupts are no failure
	 * either.
	 */
	private final Set<Thread> released = ConcurrentHashMap.newKeySet();

	private volatile boolean closing;

	/** A fixture with no threads yet. */
	public BlockedThreads() {
	}

	/**
	 * Starts a thread named {@code threadleaks-test-<role>-<n>} that runs {@code body},
	 * without waiting for it. Its failures fail the test at {@link #close()}, unless they
	 * come from the release itself.
	 */
	Thread start(String role, Body body) {
		Thread thread = new Thread(() -> run(body), name(role));
		this.threads.add(thread);
		thread.start();
		return thread;
	}

	/**
	 * Starts a thread as {@link #start} does and waits until it sits in {@code state}.
	 */
	Thread startBlocked(String role, Thread.State state, Body body) {
		Thread thread = start(role, body);
		awaitState(thread, state);
		return thread;
	}

	/**
	 * A factory of threads named for {@code role}, all ended on {@link #close()}: for
	 * executors under test.
	 */
	ThreadFactory factory(String role) {
		return (task) -> {
			Thread thread = new Thread(task, name(role));
			this.threads.add(thread);
			return thread;
		};
	}

	/**
	 * Takes a thread started elsewhere (an executor's worker) into this fixture's care.
	 */
	void adopt(Thread thread) {
		if (!this.threads.contains(thread)) {
			this.threads.add(thread);
		}
	}

	/**
	 * The threads started for {@code role}, in the order they were started, ended ones
	 * included.
	 */
	public List<Thread> started(String role) {
		String prefix = NAME_PREFIX + role + "-";
		return this.threads.stream().filter((thread) -> thread.getName().startsWith(prefix)).toList();
	}

	/** Shuts the executor down on {@link #close()} and waits for its workers to end. */
	<E extends ExecutorService> E shutDownOnClose(E executor) {
		onClose(() -> {
			executor.shutdown();
			if (!executor.awaitTermination(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
				fail("An executor did not terminate within " + DEADLINE.toSeconds() + "s of its shutdown");
			}
		});
		return executor;
	}

	/** Ends these threads now, before the others, by interrupting them. */
	void end(Collection<Thread> threads) {
		for (Thread thread : threads) {
			this.released.add(thread);
			thread.interrupt();
		}
		awaitEnded(threads);
	}

	/**
	 * Adds what {@link #close()} must do to unblock threads that an interrupt does not
	 * reach; run last first.
	 */
	void onClose(Release release) {
		this.releases.push(release);
	}

	/**
	 * Waits until {@code thread} is in {@code state}, failing the test at the deadline.
	 */
	static void awaitState(Thread thread, Thread.State state) {
		await(() -> "\"" + thread.getName() + "\" to be " + state + " (it is " + thread.getState() + " at "
				+ topFrames(thread) + ")", () -> thread.getState() == state);
	}

	/** Waits until every thread is in {@code state}. */
	static void awaitState(Collection<Thread> threads, Thread.State state) {
		for (Thread thread : threads) {
			awaitState(thread, state);
		}
	}

	/**
	 * Waits until each thread sits in {@code state} within {@code method}
	 * ({@code class.method}). Where threads share a lock on their way in, as pool workers
	 * share their queue's, a thread can be briefly in the same state while it waits for
	 * that lock; only this tells it has reached its place.
	 */
	static void awaitState(Collection<Thread> threads, Thread.State state, String method) {
		for (Thread thread : threads) {
			// The stack first: a thread seen in the method and then in the state is in
			// that state there.
			await(() -> "\"" + thread.getName() + "\" to be " + state + " in " + method + " (it is " + thread.getState()
					+ " at " + topFrames(thread) + ")", () -> isIn(thread, method) && thread.getState() == state);
		}
	}

	/** Waits until every thread has ended. */
	public static void awaitEnded(Collection<Thread> threads) {
		awaitState(threads, Thread.State.TERMINATED);
	}

	/**
	 * Waits until {@code condition} holds, failing the test at the deadline with what was
	 * awaited.
	 */
	static void await(Supplier<String> awaited, BooleanSupplier condition) {
		long deadline = System.nanoTime() + DEADLINE.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() - deadline > 0) {
				fail("Gave up after " + DEADLINE.toSeconds() + "s waiting for " + awaited.get());
			}
			// Give way to the threads being waited for: on two busy cores they need the
			// CPU more than this loop.
			Thread.yield();
		}
	}

	/** The names of the live threads that a test started under {@link #NAME_PREFIX}. */
	static List<String> liveTestThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && thread.getName().startsWith(NAME_PREFIX))
			.map(Thread::getName)
			.sorted()
			.toList();
	}

	/**
	 * The thread's id, read the way that compiles warning-free on both Java 17 and later
	 * JDKs.
	 */
	@SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; these tests run on
										// 17.
	static long idOf(Thread thread) {
		return thread.getId();
	}

	/**
	 * Releases every blocked thread (the registered releases first, then an interrupt to
	 * each) and joins them. Fails if a thread outlives the deadline or if one failed
	 * before its release. May be called again.
	 */
	@Override
	public void close() {
		this.closing = true;
		List<Throwable> releaseFailures = new ArrayList<>();
		Release release;
		while ((release = this.releases.poll()) != null) {
			try {
				release.run();
			}
			catch (Exception ex) {
				releaseFailures.add(ex);
			}
		}
		for (Thread thread : this.threads) {
			thread.interrupt();
		}
		long deadline = System.nanoTime() + DEADLINE.toNanos();
		List<String> survivors = new ArrayList<>();
		for (Thread thread : this.threads) {
			join(thread, deadline);
			if (thread.isAlive()) {
				survivors.add("\"" + thread.getName() + "\" " + thread.getState() + " at " + topFrames(thread));
			}
		}
		if (!survivors.isEmpty()) {
			fail("Threads still alive " + DEADLINE.toSeconds() + "s after their release: " + survivors);
		}
		this.threads.clear();
		if (!releaseFailures.isEmpty()) {
			throw failure("Releasing the blocked threads failed", releaseFailures);
		}
		if (!this.failures.isEmpty()) {
			List<Throwable> failed = new ArrayList<>(this.failures);
			this.failures.clear();
			throw failure("A blocked thread failed before it was released", failed);
		}
	}

	private static void join(Thread thread, long deadline) {
		try {
			thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while ending \"" + thread.getName() + "\"", ex);
		}
	}

	private String name(String role) {
		int number = this.sequences.computeIfAbsent(role, (key) -> new AtomicInteger()).incrementAndGet();
		return NAME_PREFIX + role + "-" + number;
	}

	private void run(Body body) {
		try {
			body.run();
		}
		catch (Throwable ex) {
			// Interrupts and closed sockets are how close() ends the threads; only
			// earlier failures are real.
			if (!this.closing && !this.released.contains(Thread.currentThread())) {
				this.failures.add(ex);
			}
		}
	}

	private static AssertionError failure(String message, List<Throwable> causes) {
		AssertionError error = new AssertionError(message + ": " + causes.get(0), causes.get(0));
		causes.stream().skip(1).forEach(error::addSuppressed);
		return error;
	}

	private static boolean isIn(Thread thread, String method) {
		for (StackTraceElement frame : thread.getStackTrace()) {
			if (method.equals(frame.getClassName() + "." + frame.getMethodName())) {
				return true;
			}
		}
		return false;
	}

	private static String topFrames(Thread thread) {
		StackTraceElement[] stack = thread.getStackTrace();
		List<String> frames = new ArrayList<>();
		for (int i = 0; i < Math.min(3, stack.length); i++) {
			frames.add(stack[i].getClassName() + "." + stack[i].getMethodName());
		}
		return frames.toString();
	}

	/** What a blocked thread runs. */
	@FunctionalInterface
	interface Body {

		void run() throws Exception;

	}

	/**
	 * How a test unblocks threads that an interrupt does not reach (sockets, executors).
	 */
	@FunctionalInterface
	interface Release {

		void run() throws Exception;

	}

}
