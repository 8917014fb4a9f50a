package io.github.threadleaks.core.virtual;

import java.util.List;
import java.util.Map;

import io.github.threadleaks.core.StackFrame;
import io.github.threadleaks.core.ThreadCensus;
import io.github.threadleaks.core.ThreadSource;
import org.jspecify.annotations.Nullable;

/**
 * The virtual threads of a {@link VirtualThreadRegistry}: the ones a framework registered
 * while they run its requests and tasks, for JVMs started without
 * {@value ContainerThreadSource#JVM_FLAG}. Each thread's census is a
 * {@link StackWalkCensus}, as for {@link ContainerThreadSource} (a stack is walked again
 * only where the thread can have moved); its container is the label it was registered
 * with ({@code http request}). Threads that ended without unregistering are dropped from
 * the registry.
 */
final class RegisteredThreadSource implements ThreadSource {

	private final VirtualThreadRegistry registry;

	private final StackWalkCensus census;

	/** A source of the registry's threads, keeping {@code maxDepth} frames per thread. */
	RegisteredThreadSource(VirtualThreadRegistry registry, int maxDepth) {
		this(registry, new StackWalkCensus(maxDepth));
	}

	/** A source of the registry's threads taken with the given censuses: tests use it. */
	RegisteredThreadSource(VirtualThreadRegistry registry, StackWalkCensus census) {
		this.registry = registry;
		this.census = census;
	}

	@Override
	public List<ThreadCensus> census() {
		this.census.begin();
		this.registry.forEach((thread, label) -> {
			if (!this.census.add(thread, label) && thread.getState() == Thread.State.TERMINATED) {
				this.registry.forget(thread);
			}
		});
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

	/** How many stacks the latest census walked. */
	int lastWalked() {
		return this.census.walked();
	}

}
