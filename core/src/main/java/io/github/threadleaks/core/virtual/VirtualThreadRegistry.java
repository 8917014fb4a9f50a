package io.github.threadleaks.core.virtual;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import io.github.threadleaks.core.InvalidSettingException;
import org.jspecify.annotations.Nullable;

/**
 * The live virtual threads that a framework registered while they run a unit of work (a
 * request, a task), for JVMs where the JDK's thread containers are closed to threadleaks:
 * {@link RegisteredThreadSource} lists them. Register the current thread at the start of
 * the unit and close the registration at its end: <pre>{@code
 * try (VirtualThreadRegistry.Registration registration = registry.register("http request")) {
 *     handle(request);
 * }
 * }</pre> A thread already registered is left as it is (nested units keep the outer label
 * and the outer registration unregisters it); platform threads are never kept, since the
 * platform sampler sees them. At most {@code maxThreads} threads are kept at once;
 * registrations past it are refused and counted.
 *
 * @since 0.1.0
 */
public final class VirtualThreadRegistry {

	/** What registering a thread that is not kept answers: closing it does nothing. */
	private static final Registration NOT_KEPT = () -> {
	};

	/**
	 * {@code Thread.isVirtual()}, JDK 21+; {@code null} before, where no thread is
	 * virtual.
	 */
	private static final @Nullable MethodHandle IS_VIRTUAL = isVirtualMethod();

	private final Map<Thread, Entry> threads = new ConcurrentHashMap<>();

	private final AtomicInteger size = new AtomicInteger();

	private final AtomicLong refused = new AtomicLong();

	private final int maxThreads;

	/**
	 * A registry keeping at most {@code maxThreads} threads at once.
	 * @throws InvalidSettingException if {@code maxThreads} is below 1
	 */
	public VirtualThreadRegistry(int maxThreads) {
		if (maxThreads < 1) {
			throw new InvalidSettingException("virtual-threads.max-threads", maxThreads, "at least 1");
		}
		this.maxThreads = maxThreads;
	}

	/**
	 * Registers the current thread, if it is virtual and not registered yet, with what
	 * registered it ({@code http
	 * request}): the label its group's container shows. Close the answer, in a
	 * {@code finally}, at the end of the unit of work.
	 */
	public Registration register(String label) {
		Thread thread = Thread.currentThread();
		if (!isVirtual(thread) || this.threads.containsKey(thread)) {
			return NOT_KEPT;
		}
		if (this.size.incrementAndGet() > this.maxThreads) {
			this.size.decrementAndGet();
			this.refused.incrementAndGet();
			return NOT_KEPT;
		}
		Entry entry = new Entry(thread, label);
		this.threads.put(thread, entry);
		return entry;
	}

	/** How many threads are registered now. */
	public int size() {
		return this.threads.size();
	}

	/**
	 * How many registrations were refused because {@code maxThreads} threads were
	 * registered already.
	 */
	public long refused() {
		return this.refused.get();
	}

	/** Calls the action with each registered thread and its label. */
	void forEach(BiConsumer<Thread, String> action) {
		this.threads.forEach((thread, entry) -> action.accept(thread, entry.label));
	}

	/**
	 * Drops a thread that ended without closing its registration, so that the registry
	 * never holds a dead one.
	 */
	void forget(Thread thread) {
		Entry entry = this.threads.get(thread);
		if (entry != null) {
			entry.close();
		}
	}

	/** Whether the thread is virtual: never before JDK 21. */
	static boolean isVirtual(Thread thread) {
		if (IS_VIRTUAL == null) {
			return false;
		}
		try {
			return (boolean) IS_VIRTUAL.invokeExact(thread);
		}
		catch (Throwable ex) {
			throw new IllegalStateException("Thread.isVirtual() failed", ex);
		}
	}

	private static @Nullable MethodHandle isVirtualMethod() {
		try {
			return MethodHandles.publicLookup()
				.findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
		}
		catch (ReflectiveOperationException ex) {
			// JDK 17: there are no virtual threads.
			return null;
		}
	}

	/**
	 * A thread's registration: closing it unregisters the thread; closing it again does
	 * nothing.
	 *
	 * @since 0.1.0
	 */
	@FunctionalInterface
	public interface Registration extends AutoCloseable {

		@Override
		void close();

	}

	/** A registered thread and its label. */
	private final class Entry implements Registration {

		private final Thread thread;

		private final String label;

		Entry(Thread thread, String label) {
			this.thread = thread;
			this.label = label;
		}

		@Override
		public void close() {
			if (VirtualThreadRegistry.this.threads.remove(this.thread, this)) {
				VirtualThreadRegistry.this.size.decrementAndGet();
			}
		}

	}

}
