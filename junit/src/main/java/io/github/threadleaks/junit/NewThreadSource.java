package io.github.threadleaks.junit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

import io.github.threadleaks.core.StackFrame;
import io.github.threadleaks.core.ThreadCensus;
import io.github.threadleaks.core.ThreadSource;

/**
 * The threads of another source that count for a check: not alive at its baseline, and
 * perhaps the test's own.
 */
final class NewThreadSource implements ThreadSource {

	private final ThreadSource threads;

	private final LongPredicate counts;

	/**
	 * Thread ids are never reused within a JVM, so an id alive at the baseline is the
	 * same thread now.
	 */
	NewThreadSource(ThreadSource threads, LongPredicate counts) {
		this.threads = threads;
		this.counts = counts;
	}

	@Override
	public List<ThreadCensus> census() {
		List<ThreadCensus> census = this.threads.census();
		List<ThreadCensus> started = new ArrayList<>(Math.min(census.size(), 16));
		for (ThreadCensus thread : census) {
			if (this.counts.test(thread.id())) {
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
