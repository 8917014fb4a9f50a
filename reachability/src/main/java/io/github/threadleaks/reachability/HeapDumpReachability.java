package io.github.threadleaks.reachability;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.threadleaks.core.ThreadNames;
import io.github.threadleaks.core.internal.Plurals;

/**
 * The reachability verdicts for a heap dump taken elsewhere ({@code jcmd GC.heap_dump},
 * {@code jmap}, an {@code -XX:+HeapDumpOnOutOfMemoryError} file), with no live JVM to
 * ask. The candidates come from the dump alone: a platform thread whose status field
 * ({@code Thread.threadStatus}, or {@code Thread.holder.threadStatus} from JDK 19) says
 * {@code WAITING} or {@code BLOCKED}. Where its {@code Thread.parkBlocker} is set
 * ({@code LockSupport.park}) the blocker is exact and the thread goes through the
 * fixpoint; a thread in {@code Object.wait} or monitor enter has no blocker the dump
 * names (HPROF keeps no lock records), so it stays a root and its group is
 * {@link Verdict#NOT_APPLICABLE}. Unlike the live analysis, nothing checks that the
 * threads sat still across the dump: the statuses are one snapshot, taken at a safepoint.
 *
 * @since 0.1.0
 */
public final class HeapDumpReachability {

	/** {@code threadStatus} bits (JVMTI thread state) the JDK maps to thread states. */
	private static final int RUNNABLE = 0x0004;

	private static final int BLOCKED_ON_MONITOR_ENTER = 0x0400;

	private static final int WAITING_INDEFINITELY = 0x0010;

	private static final int WAITING_WITH_TIMEOUT = 0x0020;

	private static final byte[] HPROF_HEADER = "JAVA PROFILE 1.0".getBytes(StandardCharsets.US_ASCII);

	private HeapDumpReachability() {
	}

	/**
	 * Whether the file starts like an HPROF heap dump ({@code JAVA PROFILE 1.0.1} or
	 * {@code 1.0.2}).
	 * @param file the file
	 * @return whether it does
	 * @throws IOException where the file cannot be read
	 */
	public static boolean isHprof(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			byte[] start = in.readNBytes(HPROF_HEADER.length);
			return Arrays.equals(start, HPROF_HEADER);
		}
	}

	/**
	 * The verdict on each group of threads blocked without a timeout in the dump, grouped
	 * by normalized thread name and the class of what they wait on; unreachable groups
	 * first, then reachable, then not applicable.
	 * @param file an HPROF heap dump
	 * @return the verdicts, {@link ReachabilityVerdict#group()} being
	 * {@code name-pattern (blocker class)}; {@code dumpMillis} is 0 since no dump was
	 * taken here
	 * @throws IOException where the file cannot be read, or is truncated or malformed
	 * (the message names the file and the offset)
	 */
	public static List<ReachabilityVerdict> analyze(Path file) throws IOException {
		long bytes = Files.size(file);
		long start = System.nanoTime();
		try (HeapDump dump = HeapDump.open(file)) {
			Map<Long, BlockedThread> blocked = new LinkedHashMap<>();
			Map<String, List<HeapThread>> groups = new LinkedHashMap<>();
			for (HeapThread thread : dump.threads()) {
				Thread.State state = state(thread.status());
				if (state == Thread.State.WAITING || state == Thread.State.BLOCKED) {
					blocked.put(thread.id(), new BlockedThread(thread.id(), state, null, 0, 0));
					String blockerClass = (thread.parkBlocker() != 0) ? dump.records().classOf(thread.parkBlocker())
							: null;
					String key = ThreadNames.normalize(thread.name()) + " ("
							+ ((blockerClass != null) ? blockerClass : "no park blocker") + ")";
					groups.computeIfAbsent(key, (k) -> new ArrayList<>()).add(thread);
				}
			}
			WakeFixpoint.Result result = WakeFixpoint.run(dump, blocked);
			long analysisMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			List<ReachabilityVerdict> verdicts = new ArrayList<>();
			groups.forEach((group, threads) -> verdicts.add(verdict(group, threads, result, bytes, analysisMillis)));
			verdicts.sort(Comparator.comparing(ReachabilityVerdict::verdict));
			return List.copyOf(verdicts);
		}
	}

	private static ReachabilityVerdict verdict(String group, List<HeapThread> threads, WakeFixpoint.Result result,
			long bytes, long analysisMillis) {
		List<WakeFixpoint.Candidate> woken = new ArrayList<>();
		List<WakeFixpoint.Candidate> sleeping = new ArrayList<>();
		for (HeapThread thread : threads) {
			WakeFixpoint.Candidate candidate = result.woken().get(thread.id());
			if (candidate != null) {
				woken.add(candidate);
			}
			candidate = result.sleeping().get(thread.id());
			if (candidate != null) {
				sleeping.add(candidate);
			}
		}
		int count = threads.size();
		if (woken.isEmpty() && sleeping.isEmpty()) {
			return new ReachabilityVerdict(group, Verdict.NOT_APPLICABLE, null, count, List.of(), bytes, 0,
					analysisMillis,
					"The " + Plurals.count(count, "thread") + ((count == 1) ? " waits" : " wait")
							+ " in Object.wait or monitor enter: the heap dump names no object they wait on"
							+ " (it keeps no lock records), so nothing can be proven.");
		}
		if (!woken.isEmpty()) {
			WakeFixpoint.Candidate first = woken.get(0);
			String blockerClass = result.blockerClass(first);
			List<PathStep> path = result.fixpoint().pathTo(first.blocker());
			return new ReachabilityVerdict(group, Verdict.REACHABLE, blockerClass, count, path, bytes, 0,
					analysisMillis,
					"The " + blockerClass + " that " + woken.size() + " of " + Plurals.count(count, "thread")
							+ " wait on is reachable from " + path.get(0).reference()
							+ ": whatever holds it there could still wake them.");
		}
		String blockerClass = result.blockerClass(sleeping.get(0));
		return new ReachabilityVerdict(group, Verdict.UNREACHABLE, blockerClass, count, List.of(), bytes, 0,
				analysisMillis, "Nothing outside the blocked threads reaches the " + blockerClass + " that "
						+ Plurals.count(count, "thread") + " wait on: nothing can ever wake them.");
	}

	/**
	 * The thread state its status field says, as
	 * {@code jdk.internal.misc.VM.toThreadState} maps it.
	 */
	private static Thread.State state(long status) {
		if (status < 0) {
			return Thread.State.NEW;
		}
		if ((status & RUNNABLE) != 0) {
			return Thread.State.RUNNABLE;
		}
		if ((status & BLOCKED_ON_MONITOR_ENTER) != 0) {
			return Thread.State.BLOCKED;
		}
		if ((status & WAITING_INDEFINITELY) != 0) {
			return Thread.State.WAITING;
		}
		if ((status & WAITING_WITH_TIMEOUT) != 0) {
			return Thread.State.TIMED_WAITING;
		}
		return Thread.State.TERMINATED;
	}

}
