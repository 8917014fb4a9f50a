package io.github.threadleaks.core.virtual;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.threadleaks.core.StackFrame;
import io.github.threadleaks.core.ThreadCensus;
import io.github.threadleaks.core.ThreadNames;
import io.github.threadleaks.core.ThreadSource;
import org.jspecify.annotations.Nullable;

/**
 * The virtual threads of this JVM (JDK 21+), listed through the JDK's own thread containers, the tree that
 * {@code HotSpotDiagnosticMXBean.dumpThreads} walks, without taking a dump: each thread's stack comes from
 * {@link Thread#getStackTrace()} and its state from {@link Thread#getState()}, which retry while a virtual thread
 * mounts or unmounts. The containers are JDK-internal: the JVM must be started with {@value #JVM_FLAG}.
 * <p>
 * A virtual thread has no wait counters: its census carries the fingerprint of its whole stack in
 * {@link ThreadCensus#waitedCount()} instead, so a thread that sits in the same place with the same state and
 * blocker reads as still. One census walks at most {@code maxThreads} stacks; the threads past it are left out of
 * that census.
 */
public final class ContainerThreadSource implements ThreadSource {

	/** The JVM option that lets threadleaks read the thread containers. */
	public static final String JVM_FLAG = "--add-exports java.base/jdk.internal.vm=ALL-UNNAMED";

	private static final String PACKAGE = "jdk.internal.vm";

	/** The identity hash a container name ends with ({@code ThreadPerTaskExecutor@f5ac9e4}): new per instance. */
	private static final Pattern IDENTITY_HASH = Pattern.compile("@\\p{XDigit}+");

	private final Containers containers;

	private final int maxDepth;

	private final int maxThreads;

	private final Map<String, String> containerLabels = new HashMap<>();

	private Map<Long, List<StackFrame>> lastStacks = Map.of();

	private Map<Long, String> lastContainers = Map.of();

	private boolean lastTruncated;

	private ContainerThreadSource(Containers containers, int maxDepth, int maxThreads) {
		this.containers = containers;
		this.maxDepth = maxDepth;
		this.maxThreads = maxThreads;
	}

	/**
	 * A source of this JVM's virtual threads, keeping {@code maxDepth} frames per thread and walking at most
	 * {@code maxThreads} stacks per census.
	 * @throws IllegalStateException where the containers cannot be read ({@link #unavailableReason()} says why)
	 */
	public static ContainerThreadSource of(int maxDepth, int maxThreads) {
		try {
			return new ContainerThreadSource(Containers.reflect(), maxDepth, maxThreads);
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			throw new IllegalStateException("The JVM's thread containers cannot be read: " + unavailableReason(), ex);
		}
	}

	/**
	 * Why the thread containers cannot be read in this JVM, or {@code null} when they can: they are JDK 21+ and
	 * need {@value #JVM_FLAG}.
	 */
	public static @Nullable String unavailableReason() {
		if (Runtime.version().feature() < 21) {
			return "needs JDK 21+ (this JVM is " + System.getProperty("java.version") + ")";
		}
		if (!Object.class.getModule().isExported(PACKAGE, ContainerThreadSource.class.getModule())) {
			return "the JVM was started without " + JVM_FLAG;
		}
		try {
			Containers.reflect();
			return null;
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			return "this JDK's thread containers are not the ones of JDK 21 to 25 (" + ex + ")";
		}
	}

	@Override
	public List<ThreadCensus> census() {
		List<ThreadCensus> census = new ArrayList<>();
		Map<Long, List<StackFrame>> stacks = new HashMap<>();
		Map<Long, String> threadContainers = new HashMap<>();
		Map<List<StackFrame>, List<StackFrame>> interned = new HashMap<>();
		Set<Long> seen = new HashSet<>();
		boolean truncated = false;
		Deque<Object> pending = new ArrayDeque<>();
		pending.add(this.containers.root());
		while (!pending.isEmpty() && !truncated) {
			Object container = pending.poll();
			String label = label(container);
			for (Thread thread : this.containers.threads(container)) {
				if (census.size() >= this.maxThreads) {
					truncated = true;
					break;
				}
				ThreadCensus entry = (this.containers.isVirtual(thread) && seen.add(id(thread)))
						? census(thread, stacks, interned) : null;
				if (entry != null) {
					census.add(entry);
					threadContainers.put(entry.id(), label);
				}
			}
			pending.addAll(this.containers.children(container));
		}
		this.lastStacks = stacks;
		this.lastContainers = threadContainers;
		this.lastTruncated = truncated;
		return census;
	}

	/** The census of one virtual thread with its stack, or {@code null} when it has not started or has ended. */
	private @Nullable ThreadCensus census(Thread thread, Map<Long, List<StackFrame>> stacks,
			Map<List<StackFrame>, List<StackFrame>> interned) {
		Thread.State state = thread.getState();
		StackTraceElement[] trace = thread.getStackTrace();
		// Read again after the stack: a thread that moved in between is counted as moved, never as still.
		Thread.State after = thread.getState();
		if (state == Thread.State.NEW || after == Thread.State.TERMINATED) {
			return null;
		}
		long fingerprint = (state == after) ? 1 : 2;
		StackFrame[] frames = new StackFrame[Math.min(trace.length, this.maxDepth)];
		for (int i = 0; i < trace.length; i++) {
			fingerprint = 31 * fingerprint + trace[i].hashCode();
			if (i < frames.length) {
				frames[i] = StackFrame.of(trace[i]);
			}
		}
		if (after == Thread.State.RUNNABLE || trace.length == 0) {
			// Running, or caught mounting: nothing shows whether it spins or is stuck, so it never counts as still.
			fingerprint = ThreadCensus.neverStill();
		}
		List<StackFrame> stack = interned.computeIfAbsent(List.of(frames), (key) -> key);
		long id = id(thread);
		stacks.put(id, stack);
		Object blocker = LockSupport.getBlocker(thread);
		String lockName = (blocker != null)
				? blocker.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(blocker)) : null;
		return new ThreadCensus(id, thread.getName(), after, true, lockName, -1, null, fingerprint, 0, -1);
	}

	@Override
	public Map<Long, List<StackFrame>> stacks(long[] threadIds, int maxDepth) {
		Map<Long, List<StackFrame>> stacks = new HashMap<>();
		for (long id : threadIds) {
			List<StackFrame> stack = this.lastStacks.get(id);
			if (stack != null) {
				stacks.put(id, (stack.size() <= maxDepth) ? stack : List.copyOf(stack.subList(0, maxDepth)));
			}
		}
		return stacks;
	}

	@Override
	public @Nullable String container(long threadId) {
		return this.lastContainers.get(threadId);
	}

	/** Whether the latest census stopped at {@code maxThreads} and left threads out. */
	public boolean lastTruncated() {
		return this.lastTruncated;
	}

	/** A container's name as the dump writes it, without the identity hash that is new per executor instance. */
	private String label(Object container) {
		String raw = String.valueOf(container);
		return this.containerLabels.computeIfAbsent(raw,
				(name) -> ThreadNames.normalize(IDENTITY_HASH.matcher(name).replaceAll("")));
	}

	@SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; this code is compiled for Java 17.
	private static long id(Thread thread) {
		return thread.getId();
	}

	/** {@code jdk.internal.vm.ThreadContainers} and {@code ThreadContainer}, reached by reflection. */
	private record Containers(Method rootMethod, Method childrenMethod, Method threadsMethod, Method isVirtualMethod) {

		static Containers reflect() throws ReflectiveOperationException {
			Class<?> containers = Class.forName(PACKAGE + ".ThreadContainers");
			Class<?> container = Class.forName(PACKAGE + ".ThreadContainer");
			Containers found = new Containers(containers.getMethod("root"), container.getMethod("children"),
					container.getMethod("threads"), Thread.class.getMethod("isVirtual"));
			// Fails here, not at the first census, where the package is not exported.
			found.root();
			return found;
		}

		Object root() {
			return call(this.rootMethod, null);
		}

		List<Object> children(Object container) {
			try (Stream<?> children = (Stream<?>) call(this.childrenMethod, container)) {
				return new ArrayList<>(children.toList());
			}
		}

		List<Thread> threads(Object container) {
			try (Stream<?> threads = (Stream<?>) call(this.threadsMethod, container)) {
				return threads.map(Thread.class::cast).toList();
			}
		}

		boolean isVirtual(Thread thread) {
			return (Boolean) call(this.isVirtualMethod, thread);
		}

		private static Object call(Method method, @Nullable Object target) {
			try {
				return method.invoke(target);
			}
			catch (InvocationTargetException ex) {
				throw new IllegalStateException("Reading the thread containers failed", ex.getCause());
			}
			catch (IllegalAccessException ex) {
				throw new IllegalStateException("The thread containers are not exported: start the JVM with "
						+ JVM_FLAG, ex);
			}
		}

	}

}
