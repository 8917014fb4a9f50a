package io.github.threadleaks.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A made-up thread population. Used only where real threads cannot produce the case: 100k
 * distinct stacks (more platform threads than a test machine holds), counting how many
 * stacks the engine asks for, and runnable threads whose CPU time a test must control.
 */
public final class SyntheticThreadSource implements ThreadSource {

	private final Map<Long, ThreadCensus> threads = new LinkedHashMap<>();

	private final Map<Long, List<StackFrame>> stacks = new LinkedHashMap<>();

	private long[] deadlocked = new long[0];

	int stackRequests;

	int stacksWalked;

	/**
	 * Runs at each request for stacks: a test makes walks take long on its own time
	 * source.
	 */
	Runnable onStacks = () -> {
	};

	/** Adds or replaces a thread waiting in the given frames. */
	public SyntheticThreadSource put(long id, String name, Thread.State state, String... frames) {
		this.threads.put(id, new ThreadCensus(id, name, state, true, null, -1, null, 0, 0, -1));
		this.stacks.put(id, frames(frames));
		return this;
	}

	/** Replaces a thread's census, keeping its stack. */
	SyntheticThreadSource update(ThreadCensus census) {
		this.threads.put(census.id(), census);
		return this;
	}

	ThreadCensus census(long id) {
		return this.threads.get(id);
	}

	/** The thread woke up and went back to the same place: its waited count rose. */
	SyntheticThreadSource wake(long id) {
		ThreadCensus c = this.threads.get(id);
		return update(new ThreadCensus(c.id(), c.name(), c.state(), c.daemon(), c.lockName(), c.lockOwnerId(),
				c.lockOwnerName(), c.waitedCount() + 1, c.blockedCount(), c.cpuTimeNanos()));
	}

	SyntheticThreadSource remove(long id) {
		this.threads.remove(id);
		this.stacks.remove(id);
		return this;
	}

	SyntheticThreadSource deadlocked(long... ids) {
		this.deadlocked = ids;
		return this;
	}

	public static List<StackFrame> frames(String... qualifiedMethods) {
		List<StackFrame> frames = new ArrayList<>();
		for (String method : qualifiedMethods) {
			int dot = method.lastIndexOf('.');
			frames.add(new StackFrame(method.substring(0, dot), method.substring(dot + 1), "Synthetic.java", 1));
		}
		return List.copyOf(frames);
	}

	@Override
	public List<ThreadCensus> census() {
		return new ArrayList<>(this.threads.values());
	}

	@Override
	public Map<Long, List<StackFrame>> stacks(long[] threadIds, int maxDepth) {
		this.stackRequests++;
		this.onStacks.run();
		Map<Long, List<StackFrame>> answer = new LinkedHashMap<>();
		for (long id : threadIds) {
			List<StackFrame> frames = this.stacks.get(id);
			if (frames != null) {
				this.stacksWalked++;
				answer.put(id, frames.subList(0, Math.min(maxDepth, frames.size())));
			}
		}
		return answer;
	}

	@Override
	public long[] deadlockedThreadIds() {
		return this.deadlocked.clone();
	}

}
