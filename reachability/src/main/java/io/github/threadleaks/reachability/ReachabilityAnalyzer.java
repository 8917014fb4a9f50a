package io.github.threadleaks.reachability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.threadleaks.core.GroupDetail;
import io.github.threadleaks.core.MemberThread;

/**
 * Answers whether anything could ever wake a stack group's threads, from a live heap dump
 * of this JVM. The dump goes to a temporary directory of its own that only this JVM's
 * user can read, and is deleted when the analysis ends, also when it fails. One analysis
 * runs at a time; a second request is refused with {@link AnalysisInProgressException}.
 * The dump pauses the application (a full collection, then the heap written to disk) and
 * needs free disk of about 1.5 times the live heap; reading it needs memory in proportion
 * to the number of objects, which {@link #inChildJvm} keeps out of this JVM's heap.
 *
 * @since 0.1.0
 */
public final class ReachabilityAnalyzer {

	private final HeapDumper dumper;

	private final DumpAnalysis analysis;

	private final AtomicBoolean running = new AtomicBoolean();

	/**
	 * An analyzer that dumps this JVM's heap and reads the dump in this JVM: for tests
	 * and small heaps, since reading needs memory in proportion to the dump's objects.
	 */
	public ReachabilityAnalyzer() {
		this(HeapDumper.hotSpot(), AnalysisRequest::analyzeHere);
	}

	ReachabilityAnalyzer(HeapDumper dumper) {
		this(dumper, AnalysisRequest::analyzeHere);
	}

	ReachabilityAnalyzer(HeapDumper dumper, DumpAnalysis analysis) {
		this.dumper = dumper;
		this.analysis = analysis;
	}

	/**
	 * An analyzer that dumps this JVM's heap and reads the dump in a child JVM (the same
	 * {@code java} as this one), so that this JVM's heap never holds the analysis.
	 * @param maxHeapBytes the child's maximum heap ({@code -Xmx}), at least 64 MB
	 * @param timeout how long the child may take before it is killed
	 * @return the analyzer
	 * @throws IllegalArgumentException for a heap below 64 MB or a timeout that is not
	 * positive
	 * @since 0.1.0
	 */
	public static ReachabilityAnalyzer inChildJvm(long maxHeapBytes, Duration timeout) {
		return new ReachabilityAnalyzer(HeapDumper.hotSpot(), new ChildJvm(maxHeapBytes, timeout));
	}

	/**
	 * The verdict on one group. Groups whose threads run, sleep with a timeout or sit in
	 * I/O are {@link Verdict#NOT_APPLICABLE} at once, without a heap dump.
	 * @param detail the group with its member threads
	 * @return the verdict
	 * @throws AnalysisInProgressException while another analysis runs
	 * @throws AnalysisLimitException where the child JVM ran out of heap or time
	 * @throws UncheckedIOException where the heap dump cannot be written or read
	 */
	public ReachabilityVerdict analyze(GroupDetail detail) {
		String group = detail.group().id();
		int members = detail.threads().size();
		Thread.State state = detail.group().state();
		if (detail.group().virtual()) {
			return ReachabilityVerdict.notApplicable(group, members,
					"Virtual threads are not in the heap dump's thread list: their stacks cannot be left out.");
		}
		if (state != Thread.State.WAITING && state != Thread.State.BLOCKED) {
			return ReachabilityVerdict.notApplicable(group, members,
					"The threads are " + state + ": only threads blocked without a timeout can be proven stuck"
							+ " (threads in I/O show as RUNNABLE).");
		}
		if (!this.running.compareAndSet(false, true)) {
			throw new AnalysisInProgressException();
		}
		try {
			return analyzeBlocked(group, detail.threads());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Reachability analysis of group " + group + " failed: " + ex.getMessage(),
					ex);
		}
		finally {
			this.running.set(false);
		}
	}

	private ReachabilityVerdict analyzeBlocked(String group, List<MemberThread> members) throws IOException {
		Path directory = DumpDirectory.create();
		Path file = directory.resolve("heap.hprof");
		try {
			Map<Long, BlockedThread> before = BlockedThread.census();
			long dumpStart = System.nanoTime();
			this.dumper.dump(file);
			long dumpMillis = millisSince(dumpStart);
			Map<Long, BlockedThread> blocked = BlockedThread.stillBetween(before, BlockedThread.census());
			List<Long> ids = members.stream().map(MemberThread::id).toList();
			return this.analysis.analyze(new AnalysisRequest(group, ids, blocked, file, dumpMillis));
		}
		finally {
			DumpDirectory.delete(directory);
		}
	}

	private static long millisSince(long start) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
	}

}
