package io.github.threadleaks.core;

import java.util.Comparator;
import java.util.List;

import io.github.threadleaks.core.internal.StackFrames;
import org.jspecify.annotations.Nullable;

/**
 * One stack group as of the latest sample: threads with the same normalized name, state
 * and stack.
 *
 * @param id a stable short id: the same stack gives the same id in every run
 * @param name the normalized thread name ({@code pool-#-thread-#})
 * @param state the thread state shared by the members
 * @param count how many threads are in the group now
 * @param growth how much the count changed over the window (last minus first)
 * @param suspected whether the group is suspected of leaking
 * @param frames the captured frames, top first
 * @param history the count at each sample of the window, oldest first
 * @param stuck how many members are stuck: still (not moved since the previous sample)
 * for {@code min-still-samples} samples in a row
 * @param stuckForMillis how long the group's oldest member has sat in this exact place
 * without progress
 * @param deadlocked how many members the JVM reports deadlocked
 * @param lock the lock the oldest member waits on, or {@code null}
 * @param evidence the figures that made the group suspected, or {@code null} if it is not
 * @param suspectedForMillis how long the group has been suspected, 0 if it is not
 * @param explained the verdict in words, in its parts; {@link #explanation()} is the
 * sentence
 * @param creationSites where the members were started, most members first (at most
 * {@value #MAX_CREATION_SITES} entries, the last one then counting the other sites);
 * empty where creation sites are not tracked
 * @param virtual whether the members are virtual threads
 * @param container for virtual threads, the container that started them (the executor's
 * class, identity folded), {@code null} for platform threads
 * @since 0.1.0
 */
public record StackGroupReport(String id, String name, Thread.State state, int count, int growth, boolean suspected,
		List<String> frames, List<Integer> history, int stuck, long stuckForMillis, int deadlocked,
		@Nullable LockReport lock, @Nullable Evidence evidence, long suspectedForMillis, GroupExplanation explained,
		List<CreationSite> creationSites, boolean virtual, @Nullable String container) {

	/** The most creation sites listed per group. */
	public static final int MAX_CREATION_SITES = 5;

	/** The order of a report's groups: suspects first, then the largest, then by id. */
	public static final Comparator<StackGroupReport> REPORT_ORDER = Comparator.comparing(StackGroupReport::suspected)
		.thenComparingInt(StackGroupReport::count)
		.reversed()
		.thenComparing(StackGroupReport::id);

	public StackGroupReport {
		frames = List.copyOf(frames);
		history = List.copyOf(history);
		creationSites = List.copyOf(creationSites);
	}

	/** A group of platform threads without creation sites (they are not tracked). */
	public StackGroupReport(String id, String name, Thread.State state, int count, int growth, boolean suspected,
			List<String> frames, List<Integer> history, int stuck, long stuckForMillis, int deadlocked,
			@Nullable LockReport lock, @Nullable Evidence evidence, long suspectedForMillis,
			GroupExplanation explained) {
		this(id, name, state, count, growth, suspected, frames, history, stuck, stuckForMillis, deadlocked, lock,
				evidence, suspectedForMillis, explained, List.of(), false, null);
	}

	/**
	 * Where most members were started, Go's {@code created by}: the first frame of the
	 * code that started them, with {@code (and N other sites)} where there are more; the
	 * empty string where creation sites are not tracked.
	 */
	public String createdBy() {
		if (this.creationSites.isEmpty()) {
			return "";
		}
		String top = this.creationSites.get(0).site();
		int others = 0;
		for (int i = 1; i < this.creationSites.size(); i++) {
			others += this.creationSites.get(i).threads();
		}
		return (others == 0) ? top : top + " (" + this.creationSites.get(0).threads() + " of "
				+ (others + this.creationSites.get(0).threads()) + " threads)";
	}

	/**
	 * Whether the members are idle pool workers in a timed poll for their next task
	 * ({@code ThreadPoolExecutor.getTask} polling its queue, Tomcat's and Jetty's pools
	 * alike): their pool ends them after its keep-alive, so the leak rule never judges
	 * them. A worker waiting without a timeout (a fixed pool's, a scheduled executor's in
	 * {@code DelayedWorkQueue.take}) is not one.
	 */
	public boolean idleWorkersThatTimeOut() {
		return IdleWorkers.awaitTaskWithTimeout(this.state, this.frames);
	}

	/** The top frame, or the empty string for a thread with no Java frames. */
	public String topFrame() {
		return this.frames.isEmpty() ? "" : this.frames.get(0);
	}

	/**
	 * Where the members are blocked, as a reader wants it: the JDK call they wait in and
	 * the first frame of the application's code that made it
	 * ({@code java.util.concurrent.SynchronousQueue.put(...) from
	 * com.example.Search.fanOut(...)}); where the application's only frames run the
	 * thread (a pool's task wrapper) or there are none (an idle JDK pool worker), the top
	 * frame past the parking machinery
	 * ({@code java.util.concurrent.LinkedBlockingQueue.take(...)}); the empty string for
	 * a thread with no Java frames.
	 */
	public String blockedAt() {
		for (int i = 0; i < this.frames.size(); i++) {
			if (!StackFrames.isJdk(this.frames.get(i))) {
				if (i == 0) {
					return this.frames.get(0);
				}
				String call = this.frames.get(i - 1);
				// Application code that only runs the thread (a pool's task wrapper) did
				// not make the blocking call.
				return (StackFrames.isThreadRunner(call) ? pastParkingMachinery() : call) + " from "
						+ this.frames.get(i);
			}
		}
		return pastParkingMachinery();
	}

	private String pastParkingMachinery() {
		for (String frame : this.frames) {
			if (!StackFrames.isParkingMachinery(frame)) {
				return frame;
			}
		}
		return topFrame();
	}

	/**
	 * The verdict in words: {@code 2 threads WAITING, oldest stuck 1s, ...}; see
	 * {@link #explained()} for its parts.
	 * @return the explanation's sentence
	 */
	public String explanation() {
		return this.explained.text();
	}

}
