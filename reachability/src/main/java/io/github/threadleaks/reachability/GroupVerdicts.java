package io.github.threadleaks.reachability;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.threadleaks.core.internal.Plurals;

/** The verdict on one group of live threads from the fixpoint's outcome. */
final class GroupVerdicts {

	private GroupVerdicts() {
	}

	/**
	 * The verdict on the group whose threads have these ids.
	 */
	static ReachabilityVerdict of(String group, List<Long> members, WakeFixpoint.Result result, long bytes,
			long dumpMillis, long analysisMillis) {
		Map<Long, WakeFixpoint.Candidate> woken = new LinkedHashMap<>();
		Map<Long, WakeFixpoint.Candidate> sleeping = new LinkedHashMap<>();
		for (long member : members) {
			WakeFixpoint.Candidate candidate = result.woken().get(member);
			if (candidate != null) {
				woken.put(member, candidate);
			}
			candidate = result.sleeping().get(member);
			if (candidate != null) {
				sleeping.put(member, candidate);
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

}
