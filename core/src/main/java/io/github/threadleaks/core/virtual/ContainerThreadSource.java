package io.github.threadleaks.core.virtual;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.threadleaks.core.StackFrame;
import io.github.threadleaks.core.ThreadCensus;
import io.github.threadleaks.core.ThreadNames;
import io.github.threadleaks.core.ThreadSource;
import org.jspecify.annotations.Nullable;

/**
 * The virtual threads of this JVM (JDK 21+), listed through the JDK's own thread
 * containers, the tree that {@code HotSpotDiagnosticMXBean.dumpThreads} walks, without
 * taking a dump: each thread's stack comes from {@link Thread#getStackTrace()} and its
 * state from {@link Thread#getState()}, which retry while a virtual thread mounts or
 * unmounts. The containers are JDK-internal: the JVM must be started with
 * {@value #JVM_FLAG}.
 * <p>
 * Each thread's census is a {@link StackWalkCensus}: a thread that sits in the same place
 * with the same state and blocker reads as still. One census walks at most
 * {@code maxThreads} stacks; the threads past it are left out of that census.
 *
 * @since 0.1.0
 */
public final class ContainerThreadSource implements ThreadSource {

	/** The JVM option that lets threadleaks read the thread containers. */
	public static final String JVM_FLAG = "--add-exports java.base/jdk.internal.vm=ALL-UNNAMED";

	private static final String PACKAGE = "jdk.internal.vm";

	/**
	 * The identity hash a container name ends with
	 * ({@code ThreadPerTaskExecutor@f5ac9e4}): new per instance.
	 */
	private static final Pattern IDENTITY_HASH = Pattern.compile("@\\p{XDigit}+");

	private final Containers containers;

	private final int maxDepth;

	private final int maxThreads;

	private final Map<String, String> containerLabels = new HashMap<>();

	private LatestStacks latest = LatestStacks.NONE;

	private boolean lastTruncated;

	private ContainerThreadSource(Containers containers, int maxDepth, int maxThreads) {
		this.containers = containers;
		this.maxDepth = maxDepth;
		this.maxThreads = maxThreads;
	}

	/**
	 * A source of this JVM's virtual threads, keeping {@code maxDepth} frames per thread
	 * and walking at most {@code maxThreads} stacks per census.
	 * @throws IllegalStateException where the containers cannot be read
	 * ({@link #unavailableReason()} says why)
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
	 * Why the thread containers cannot be read in this JVM, or {@code null} when they
	 * can: they are JDK 21+ and need {@value #JVM_FLAG}.
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
		StackWalkCensus census = new StackWalkCensus(this.maxDepth);
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
				if (this.containers.isVirtual(thread)) {
					census.add(thread, label);
				}
			}
			pending.addAll(this.containers.children(container));
		}
		this.latest = census.stacks();
		this.lastTruncated = truncated;
		return census.census();
	}

	@Override
	public Map<Long, List<StackFrame>> stacks(long[] threadIds, int maxDepth) {
		return this.latest.stacks(threadIds, maxDepth);
	}

	@Override
	public @Nullable String container(long threadId) {
		return this.latest.container(threadId);
	}

	/** Whether the latest census stopped at {@code maxThreads} and left threads out. */
	public boolean lastTruncated() {
		return this.lastTruncated;
	}

	/**
	 * A container's name as the dump writes it, without the identity hash that is new per
	 * executor instance.
	 */
	private String label(Object container) {
		String raw = String.valueOf(container);
		return this.containerLabels.computeIfAbsent(raw,
				(name) -> ThreadNames.normalize(IDENTITY_HASH.matcher(name).replaceAll("")));
	}

	/**
	 * {@code jdk.internal.vm.ThreadContainers} and {@code ThreadContainer}, reached by
	 * reflection.
	 */
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
				throw new IllegalStateException(
						"The thread containers are not exported: start the JVM with " + JVM_FLAG, ex);
			}
		}

	}

}
