package io.github.threadleaks.junit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.threadleaks.core.StackFrame;
import io.github.threadleaks.core.ThreadCensus;
import io.github.threadleaks.core.ThreadSource;

/**
 * The threads of another source that were not alive at a baseline: the ones a test may
 * have started.
 */
final class NewThreadSource implements ThreadSource {

	private final ThreadSource threads;

	private final Set<Long> baseline;

	/**
	 * Thread ids are never reused within a JVM, so an id alive at the baseline is the
	 * same thread now.
	 */
	NewThreadSource(ThreadSource threads, Set<Long> baseline) {
		this.threads = threads;
		this.baseline = baseline;
	}

	@Override
	public List<ThreadCensus> census() {
		List<ThreadCensus> census = this.threads.census();
		List<ThreadCensus> started = new ArrayList<>(Math.min(census.size(), 16));
		for (ThreadCensus thread : census) {
			if (!this.baseline.contains(thread.id())) {
				started.add(thread);
			}
		}
		return started;
	}

	@Override
	public Map<Long, List<StackFrame>> stacks(long[] threadIds, int maxDepth) {
		return this.threads.stacks(threadIds, maxDepth);
	}

	@Override
	public long[] deadlockedThreadIds() {
		return this.threads.deadlockedThreadIds();
	}

}
