package io.github.threadleaks.core.virtual;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
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
 * with the same state and blocker reads as still, and its stack is walked again only
 * where its state, park blocker or name changed since the previous census (and, a slice
 * at a time, every {@value StackWalkCensus#REWALK_LISTINGS} censuses), so a steady census
 * costs a look at each thread, not a walk. One census lists at most {@code maxThreads}
 * threads; the threads past it are left out of that census.
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

	private final StackWalkCensus census;

	private final int maxThreads;

	private final Map<String, String> containerLabels = new HashMap<>();

	private boolean lastTruncated;

	private ContainerThreadSource(Containers containers, StackWalkCensus census, int maxThreads) {
		this.containers = containers;
		this.census = census;
		this.maxThreads = maxThreads;
	}

	/**
	 * A source of this JVM's virtual threads, keeping {@code maxDepth} frames per thread
	 * and walking at most {@code maxThreads} stacks per census.
	 * @throws IllegalStateException where the containers cannot be read
	 * ({@link #unavailableReason()} says why)
	 */
	public static ContainerThreadSource of(int maxDepth, int maxThreads) {
		return of(new StackWalkCensus(maxDepth), maxThreads);
	}

	/**
	 * A source that walks every virtual thread's stack every listing, as round two did:
	 * tests compare its verdicts with those of {@link #of(int, int)}.
	 */
	static ContainerThreadSource walkingEveryStack(int maxDepth, int maxThreads) {
		return of(new StackWalkCensus(maxDepth, true), maxThreads);
	}

	private static ContainerThreadSource of(StackWalkCensus census, int maxThreads) {
		try {
			return new ContainerThreadSource(Containers.reflect(), census, maxThreads);
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
		this.census.begin();
		boolean truncated = false;
		Deque<Object> pending = new ArrayDeque<>();
		pending.add(this.containers.root());
		while (!pending.isEmpty() && !truncated) {
			Object container = pending.poll();
			String label = label(container);
			try (Stream<?> threads = this.containers.threads(container)) {
				Iterator<?> each = threads.iterator();
				while (each.hasNext()) {
					if (this.census.size() >= this.maxThreads) {
						truncated = true;
						break;
					}
					Thread thread = (Thread) each.next();
					if (VirtualThreadRegistry.isVirtual(thread)) {
						this.census.add(thread, label);
					}
				}
			}
			pending.addAll(this.containers.children(container));
		}
		this.lastTruncated = truncated;
		return this.census.end();
	}

	@Override
	public Map<Long, List<StackFrame>> stacks(long[] threadIds, int maxDepth) {
		return this.census.stacks(threadIds, maxDepth);
	}

	@Override
	public @Nullable String container(long threadId) {
		return this.census.container(threadId);
	}

	/** Whether the latest census stopped at {@code maxThreads} and left threads out. */
	public boolean lastTruncated() {
		return this.lastTruncated;
	}

	/** How many stacks the latest census walked. */
	int lastWalked() {
		return this.census.walked();
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
	private record Containers(Method rootMethod, Method childrenMethod, Method threadsMethod) {

		static Containers reflect() throws ReflectiveOperationException {
			Class<?> containers = Class.forName(PACKAGE + ".ThreadContainers");
			Class<?> container = Class.forName(PACKAGE + ".ThreadContainer");
			Thread.class.getMethod("isVirtual");
			Containers found = new Containers(containers.getMethod("root"), container.getMethod("children"),
					container.getMethod("threads"));
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

		/** The container's threads, to close after use. */
		Stream<?> threads(Object container) {
			return (Stream<?>) call(this.threadsMethod, container);
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
