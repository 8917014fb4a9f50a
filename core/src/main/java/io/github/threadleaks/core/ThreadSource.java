package io.github.threadleaks.core;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Where thread data comes from. The engine asks for a cheap census of every thread each
 * sample, and for stacks only of the threads that are new or have moved since the last
 * one.
 *
 * @since 0.1.0
 */
public interface ThreadSource {

	/** A census of every live thread, without stacks. */
	List<ThreadCensus> census();

	/**
	 * The top {@code maxDepth} frames of each of the given threads; a thread that has
	 * ended since the census is absent from the answer.
	 */
	Map<Long, List<StackFrame>> stacks(long[] threadIds, int maxDepth);

	/**
	 * The ids of the threads deadlocked on monitors or ownable synchronizers. Called only
	 * when the census shows a cycle of lock owners, since finding deadlocks may pause the
	 * JVM.
	 */
	default long[] deadlockedThreadIds() {
		return new long[0];
	}

	/**
	 * The container of a thread of the latest census (for a virtual thread, the executor
	 * that started it), or {@code null} where the source has none: platform threads.
	 */
	default @Nullable String container(long threadId) {
		return null;
	}

}
