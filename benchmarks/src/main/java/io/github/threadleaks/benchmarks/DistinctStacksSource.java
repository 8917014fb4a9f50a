package io.github.threadleaks.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.threadleaks.core.StackFrame;
import io.github.threadleaks.core.ThreadCensus;
import io.github.threadleaks.core.ThreadSource;

/**
 * A made-up population in which every thread has a stack of its own, so that each is a
 * stack group: ten thousand distinct groups, or a hundred thousand over a churn run, are
 * more than real threads on a test machine can produce. Stacks differ either in one
 * frame, the rest being shared framework frames as in a real service, or in every frame
 * (the worst case). Like the JVM's source it makes new census records and new frames on
 * every call, from class and method names that already exist (the JVM interns those).
 */
final class DistinctStacksSource implements ThreadSource {

	/**
	 * Far above real thread ids, so the sampling thread's own id is never one of them.
	 */
	private static final long FIRST_ID = 1_000_000_000L;

	private static final int DEPTH = 40;

	private static final String LOCK_CLASS = "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@";

	private final List<Long> ids = new ArrayList<>();

	/**
	 * Per thread: its frames' class and method names, top first, shared between calls.
	 */
	private final Map<Long, String[][]> code = new HashMap<>();

	/**
	 * Per thread: its name, which the JVM's census hands out as the thread's own string.
	 */
	private final Map<Long, String> names = new HashMap<>();

	private final boolean everyFrameDistinct;

	private long nextId = FIRST_ID;

	/** A source whose stacks differ in one frame, or in every frame. */
	DistinctStacksSource(boolean everyFrameDistinct) {
		this.everyFrameDistinct = everyFrameDistinct;
	}

	/** Adds {@code count} threads, each with a stack no other thread has. */
	void add(int count) {
		for (int i = 0; i < count; i++) {
			long id = this.nextId++;
			this.ids.add(id);
			this.code.put(id, codeOf(id));
			this.names.put(id, "worker-" + id);
		}
	}

	/** Ends every thread. */
	void clear() {
		this.ids.clear();
		this.code.clear();
		this.names.clear();
	}

	private String[][] codeOf(long id) {
		String[][] frames = new String[DEPTH][];
		frames[0] = new String[] { "jdk.internal.misc.Unsafe", "park" };
		frames[1] = new String[] { "java.util.concurrent.locks.LockSupport", "park" };
		frames[2] = new String[] { "com.example.orders.Handler" + id, "await" };
		for (int depth = 3; depth < DEPTH; depth++) {
			String layer = "com.example.framework.Layer" + (depth % 8);
			// Interned, as the JVM's own class and method names are: shared frames share
			// their names.
			frames[depth] = new String[] { (this.everyFrameDistinct ? layer + "$" + id : layer).intern(), "invoke" };
		}
		return frames;
	}

	@Override
	public List<ThreadCensus> census() {
		List<ThreadCensus> census = new ArrayList<>(this.ids.size());
		for (long id : this.ids) {
			census.add(new ThreadCensus(id, Objects.requireNonNull(this.names.get(id)), Thread.State.WAITING, true,
					LOCK_CLASS + Long.toHexString(id), -1, null, 1, 0, -1));
		}
		return census;
	}

	@Override
	public Map<Long, List<StackFrame>> stacks(long[] threadIds, int maxDepth) {
		Map<Long, List<StackFrame>> stacks = new HashMap<>(threadIds.length * 2);
		for (long id : threadIds) {
			String[][] frames = this.code.get(id);
			if (frames != null) {
				StackFrame[] walked = new StackFrame[Math.min(maxDepth, frames.length)];
				for (int i = 0; i < walked.length; i++) {
					walked[i] = new StackFrame(frames[i][0], frames[i][1], "Layer.java", 100 + i);
				}
				stacks.put(id, List.of(walked));
			}
		}
		return stacks;
	}

}
