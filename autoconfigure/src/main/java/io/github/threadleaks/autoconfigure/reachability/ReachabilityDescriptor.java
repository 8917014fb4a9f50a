package io.github.threadleaks.autoconfigure.reachability;

import java.util.List;

import io.github.threadleaks.reachability.PathStep;
import io.github.threadleaks.reachability.ReachabilityVerdict;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The reachability verdict on one group, as the endpoint answers it.
 *
 * @param group the group's id
 * @param verdict {@code UNREACHABLE}, {@code REACHABLE} or {@code NOT_APPLICABLE}
 * @param blockerClass the class of what the threads wait on, or {@code null} where it is
 * not known
 * @param threads how many of the group's threads were analysed
 * @param path for {@code REACHABLE}, the shortest path from a root to the blocker, root
 * first
 * @param heapDumpBytes the size of the heap dump, 0 where none was taken
 * @param dumpMillis how long the heap dump paused the application, 0 where none was taken
 * @param analysisMillis how long reading and marking the dump took
 * @param explanation the verdict in words
 * @since 0.1.0
 */
public record ReachabilityDescriptor(String group, String verdict, @Nullable String blockerClass, int threads,
		List<PathStep> path, long heapDumpBytes, long dumpMillis, long analysisMillis,
		String explanation) implements OperationResponseBody {

	static ReachabilityDescriptor of(ReachabilityVerdict verdict) {
		return new ReachabilityDescriptor(verdict.group(), verdict.verdict().name(), verdict.blockerClass(),
				verdict.threads(), verdict.path(), verdict.heapDumpBytes(), verdict.dumpMillis(),
				verdict.analysisMillis(), verdict.explanation());
	}

}
