package io.github.threadleaks.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.threadleaks.core.StackFrame;
import io.github.threadleaks.core.ThreadCensus;
import io.github.threadleaks.core.ThreadSource;

/**
 * Another JVM's threads with their ids moved by {@link DumpThreadSource#ID_OFFSET}: the
 * engine leaves out the thread that samples, by id, and the other JVM's thread of the
 * same id must not be left out in its place.
 */
final class ForeignThreadSource implements ThreadSource {

	private final ThreadSource threads;

	ForeignThreadSource(ThreadSource threads) {
		this.threads = threads;
	}

	@Override
	public List<ThreadCensus> census() {
		List<ThreadCensus> census = this.threads.census();
		List<ThreadCensus> moved = new ArrayList<>(census.size());
		for (ThreadCensus thread : census) {
			moved.add(new ThreadCensus(thread.id() + DumpThreadSource.ID_OFFSET, thread.name(), thread.state(),
					thread.daemon(), thread.lockName(),
					(thread.lockOwnerId() >= 0) ? thread.lockOwnerId() + DumpThreadSource.ID_OFFSET : -1,
					thread.lockOwnerName(), thread.waitedCount(), thread.blockedCount(), thread.cpuTimeNanos()));
		}
		return moved;
	}

	@Override
	public Map<Long, List<StackFrame>> stacks(long[] threadIds, int maxDepth) {
		long[] own = new long[threadIds.length];
		for (int i = 0; i < own.length; i++) {
			own[i] = threadIds[i] - DumpThreadSource.ID_OFFSET;
		}
		Map<Long, List<StackFrame>> stacks = new HashMap<>(threadIds.length * 2);
		this.threads.stacks(own, maxDepth).forEach((id, frames) -> stacks.put(id + DumpThreadSource.ID_OFFSET, frames));
		return stacks;
	}

	@Override
	public long[] deadlockedThreadIds() {
		long[] ids = this.threads.deadlockedThreadIds();
		for (int i = 0; i < ids.length; i++) {
			ids[i] += DumpThreadSource.ID_OFFSET;
		}
		return ids;
	}

}
