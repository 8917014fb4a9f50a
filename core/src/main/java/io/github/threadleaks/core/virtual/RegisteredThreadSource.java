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
 * {@link StackWalkCensus}, as for {@link ContainerThreadSource}; its container is the
 * label it was registered with ({@code http request}). Threads that ended without
 * unregistering are dropped from the registry.
 */
final class RegisteredThreadSource implements ThreadSource {

	private final VirtualThreadRegistry registry;

	private final int maxDepth;

	private LatestStacks latest = LatestStacks.NONE;

	/** A source of the registry's threads, keeping {@code maxDepth} frames per thread. */
	RegisteredThreadSource(VirtualThreadRegistry registry, int maxDepth) {
		this.registry = registry;
		this.maxDepth = maxDepth;
	}

	@Override
	public List<ThreadCensus> census() {
		StackWalkCensus census = new StackWalkCensus(this.maxDepth);
		this.registry.forEach((thread, label) -> {
			if (!census.add(thread, label) && thread.getState() == Thread.State.TERMINATED) {
				this.registry.forget(thread);
			}
		});
		this.latest = census.stacks();
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

}
