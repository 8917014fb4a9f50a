package io.github.threadleaks.reachability;

import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The reachability verdict on one stack group.
 *
 * @param group the group's id
 * @param verdict the verdict
 * @param blockerClass the class of what the group's threads wait on, or {@code null}
 * where it is not known
 * @param threads how many of the group's threads were analysed (blocked without a timeout
 * before and after the dump)
 * @param path for {@link Verdict#REACHABLE}, the shortest path from a root to the
 * blocker, root first; else empty
 * @param heapDumpBytes the size of the heap dump, 0 where none was taken
 * @param dumpMillis how long the heap dump took (the application's pause), 0 where none
 * was taken
 * @param analysisMillis how long reading and marking the dump took, 0 where none was
 * taken
 * @param explanation the verdict in words
 * @since 0.1.0
 */
public record ReachabilityVerdict(String group, Verdict verdict, @Nullable String blockerClass, int threads,
		List<PathStep> path, long heapDumpBytes, long dumpMillis, long analysisMillis, String explanation) {

	public ReachabilityVerdict {
		path = List.copyOf(path);
	}

	/** A verdict reached without a heap dump. */
	static ReachabilityVerdict notApplicable(String group, int threads, String explanation) {
		return new ReachabilityVerdict(group, Verdict.NOT_APPLICABLE, null, threads, List.of(), 0, 0, 0, explanation);
	}

	/**
	 * The path as one line, {@code static field A.B → Map → ...}, empty where there is
	 * none.
	 */
	public String pathText() {
		return this.path.stream().map(PathStep::toString).collect(Collectors.joining(", "));
	}

}
