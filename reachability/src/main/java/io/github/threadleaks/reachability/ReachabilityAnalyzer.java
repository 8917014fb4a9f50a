package io.github.threadleaks.reachability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.threadleaks.core.GroupDetail;
import io.github.threadleaks.core.MemberThread;
import io.github.threadleaks.core.internal.Plurals;
import shark.CloseableHeapGraph;
import shark.HprofHeapGraph;
import shark.HprofRecordTag;

/**
 * Answers whether anything could ever wake a stack group's threads, from a live heap dump
 * of this JVM. The dump goes to a temporary directory of its own and is deleted when the
 * analysis ends, also when it fails. One analysis runs at a time; a second request is
 * refused with {@link AnalysisInProgressException}. The dump pauses the application (a
 * full collection, then the heap written to disk), needs free disk of about 1.5 times the
 * live heap, and memory for the analysis of several times the live heap.
 *
 * @since 0.1.0
 */
public final class ReachabilityAnalyzer {

	private final HeapDumper dumper;

	private final AtomicBoolean running = new AtomicBoolean();

	/** An analyzer that dumps this JVM's heap. */
	public ReachabilityAnalyzer() {
		this(HeapDumper.hotSpot());
	}

	ReachabilityAnalyzer(HeapDumper dumper) {
		this.dumper = dumper;
	}

	/**
	 * The verdict on one group. Groups whose threads run, sleep with a timeout or sit in
	 * I/O are {@link Verdict#NOT_APPLICABLE} at once, without a heap dump.
	 * @param detail the group with its member threads
	 * @return the verdict
	 * @throws AnalysisInProgressException while another analysis runs
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
		Path directory = Files.createTempDirectory("threadleaks-reachability-");
		Path file = directory.resolve("heap.hprof");
		try {
			Map<Long, BlockedThread> before = BlockedThread.census();
			long dumpStart = System.nanoTime();
			this.dumper.dump(file);
			long dumpMillis = millisSince(dumpStart);
			Map<Long, BlockedThread> blocked = BlockedThread.stillBetween(before, BlockedThread.census());
			long bytes = Files.size(file);
			long analysisStart = System.nanoTime();
			try (CloseableHeapGraph graph = HprofHeapGraph.Companion.openHeapGraph(file.toFile(), null,
					EnumSet.allOf(HprofRecordTag.class))) {
				WakeFixpoint.Result result = WakeFixpoint.run(graph, blocked);
				return verdict(group, members, result, bytes, dumpMillis, millisSince(analysisStart));
			}
		}
		finally {
			Files.deleteIfExists(file);
			Files.deleteIfExists(directory);
		}
	}

	private static ReachabilityVerdict verdict(String group, List<MemberThread> members, WakeFixpoint.Result result,
			long bytes, long dumpMillis, long analysisMillis) {
		Map<Long, WakeFixpoint.Candidate> woken = new LinkedHashMap<>();
		Map<Long, WakeFixpoint.Candidate> sleeping = new LinkedHashMap<>();
		for (MemberThread member : members) {
			WakeFixpoint.Candidate candidate = result.woken().get(member.id());
			if (candidate != null) {
				woken.put(member.id(), candidate);
			}
			candidate = result.sleeping().get(member.id());
			if (candidate != null) {
				sleeping.put(member.id(), candidate);
			}
		}
		int threads = woken.size() + sleeping.size();
		if (threads == 0) {
			return new ReachabilityVerdict(group, Verdict.NOT_APPLICABLE, null, 0, List.of(), bytes, dumpMillis,
					analysisMillis, "None of the group's threads stayed blocked on an object the heap dump names"
							+ " throughout the dump.");
		}
		if (!woken.isEmpty()) {
			WakeFixpoint.Candidate first = woken.values().iterator().next();
			String blockerClass = result.blockerClass(first);
			List<PathStep> path = result.fixpoint().pathTo(first.blocker());
			return new ReachabilityVerdict(group, Verdict.REACHABLE, blockerClass, threads, path, bytes, dumpMillis,
					analysisMillis,
					"The " + blockerClass + " that " + woken.size() + " of " + Plurals.count(threads, "thread")
							+ " wait on is reachable from " + path.get(0).reference()
							+ ": whatever holds it there could still wake them.");
		}
		String blockerClass = result.blockerClass(sleeping.values().iterator().next());
		return new ReachabilityVerdict(group, Verdict.UNREACHABLE, blockerClass, threads, List.of(), bytes, dumpMillis,
				analysisMillis, "Nothing outside the blocked threads reaches the " + blockerClass + " that "
						+ Plurals.count(threads, "thread") + " wait on: nothing can ever wake them.");
	}

	private static long millisSince(long start) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
	}

}
