package io.github.threadleaks.core.virtual;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.threadleaks.core.StackFrame;
import io.github.threadleaks.core.ThreadSource;
import org.jspecify.annotations.Nullable;

/**
 * The stacks and containers of the threads of a source's latest census, for a source that
 * takes every stack during its census (the thread dump, {@link VirtualThreadSource}):
 * {@link ThreadSource#stacks} and {@link ThreadSource#container} answer from here.
 *
 * @param stacks each thread's whole kept stack, by thread id
 * @param containers each thread's container, by thread id
 */
record LatestStacks(Map<Long, List<StackFrame>> stacks, Map<Long, String> containers) {

	/** Before any census. */
	static final LatestStacks NONE = new LatestStacks(Map.of(), Map.of());

	/**
	 * The top {@code maxDepth} frames of each of the given threads that the census saw.
	 */
	Map<Long, List<StackFrame>> stacks(long[] threadIds, int maxDepth) {
		Map<Long, List<StackFrame>> answer = new HashMap<>();
		for (long id : threadIds) {
			List<StackFrame> stack = this.stacks.get(id);
			if (stack != null) {
				answer.put(id, (stack.size() <= maxDepth) ? stack : List.copyOf(stack.subList(0, maxDepth)));
			}
		}
		return answer;
	}

	/** The container of a thread the census saw, or {@code null}. */
	@Nullable String container(long threadId) {
		return this.containers.get(threadId);
	}

}
