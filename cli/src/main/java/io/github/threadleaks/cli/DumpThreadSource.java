package io.github.threadleaks.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.threadleaks.core.StackFrame;
import io.github.threadleaks.core.ThreadCensus;
import io.github.threadleaks.core.ThreadSource;
import io.github.threadleaks.core.dump.DumpedThread;
import io.github.threadleaks.core.dump.ThreadDump;

/**
 * The threads of one dump after another, as the engine's {@link ThreadSource}. Dumps
 * carry no wait counters or CPU times, so stillness is read from the dumps themselves: a
 * thread sat still between two dumps when its state and its whole stack are the same in
 * both. Each thread gets a progress counter that rises whenever they differ; it stands
 * for the live census's wait counter and CPU time, so the engine's own rule applies
 * unchanged.
 */
final class DumpThreadSource implements ThreadSource {

	/**
	 * Added to every dumped thread id: the engine leaves out the thread that samples, and
	 * a dumped thread must never be taken for this JVM's own thread of the same id.
	 */
	static final long ID_OFFSET = 1L << 48;

	private Map<Long, DumpedThread> current = Map.of();

	private Map<Long, Progress> progress = new HashMap<>();

	/** Makes the given dump the one the next census reads. */
	void advance(ThreadDump dump) {
		Map<Long, DumpedThread> threads = new HashMap<>(dump.threads().size() * 2);
		Map<Long, Progress> next = new HashMap<>(dump.threads().size() * 2);
		for (DumpedThread thread : dump.threads()) {
			long id = ID_OFFSET + thread.id();
			threads.put(id, thread);
			Progress before = this.progress.get(id);
			long moves = (before != null)
					? ((before.fingerprint == thread.fingerprint()) ? before.moves : before.moves + 1) : 0;
			next.put(id, new Progress(thread.fingerprint(), moves));
		}
		// Only the threads of this dump are remembered: memory follows one dump, not the
		// series.
		this.current = threads;
		this.progress = next;
	}

	@Override
	public List<ThreadCensus> census() {
		List<ThreadCensus> census = new ArrayList<>(this.current.size());
		for (Map.Entry<Long, DumpedThread> entry : this.current.entrySet()) {
			DumpedThread thread = entry.getValue();
			// advance() gives every thread of the dump its progress.
			long moves = Objects.requireNonNull(this.progress.get(entry.getKey())).moves;
			census.add(new ThreadCensus(entry.getKey(), thread.name(), thread.state(), thread.daemon(),
					thread.lockName(), -1, null, moves, 0, (thread.state() == Thread.State.RUNNABLE) ? moves : -1));
		}
		return census;
	}

	@Override
	public Map<Long, List<StackFrame>> stacks(long[] threadIds, int maxDepth) {
		Map<Long, List<StackFrame>> stacks = new HashMap<>(threadIds.length * 2);
		for (long id : threadIds) {
			DumpedThread thread = this.current.get(id);
			if (thread != null) {
				List<StackFrame> frames = thread.frames();
				stacks.put(id, (frames.size() > maxDepth) ? List.copyOf(frames.subList(0, maxDepth)) : frames);
			}
		}
		return stacks;
	}

	/** A thread's stack fingerprint in the latest dump, and how often it changed. */
	private record Progress(long fingerprint, long moves) {
	}

}
