package io.github.threadleaks.core;

import io.github.threadleaks.core.internal.Durations;
import io.github.threadleaks.core.internal.Plurals;
import org.jspecify.annotations.Nullable;

/** A group's state in one sentence: what the report's {@code explanation} says. */
final class GroupExplanation {

	private GroupExplanation() {
	}

	/** What every explanation begins with: the group's count ({@code 2 threads}). */
	static String subject(int count) {
		return Plurals.count(count, "thread");
	}

	/**
	 * The explanation with a label put after its subject, where it begins with one (a
	 * report read back from elsewhere may not): {@code 2 threads like "pool-#" WAITING,
	 * ...}.
	 */
	static String labelled(StackGroupReport group, String label) {
		String subject = subject(group.count());
		String explanation = group.explanation();
		return explanation.startsWith(subject + " ") ? subject + " " + label + explanation.substring(subject.length())
				: subject + " " + label + ": " + explanation;
	}

	static String of(TrackedGroup group, long stuckFor, @Nullable LockReport lock, int deadlocked, int minStillSamples,
			long nowMillis) {
		StringBuilder text = new StringBuilder();
		text.append(subject(group.count()))
			.append(' ')
			.append(group.key.state())
			.append(", oldest stuck ")
			.append(Durations.format(stuckFor))
			.append(", ")
			.append(group.stuck)
			.append(" of ")
			.append(group.count())
			.append(" stuck for >= ")
			.append(minStillSamples)
			.append(" samples");
		if (group.idleWorkers) {
			text.append("; not judged: idle pool workers in a timed poll for their next task, "
					+ "which their pool ends after its keep-alive");
		}
		Evidence evidence = group.evidence();
		if (evidence != null) {
			String clearing = group.clearingReason();
			text.append((clearing != null) ? "; cleared (" + clearing + "), was suspected: " : "; suspected: ")
				.append(evidence.describe());
			long measuredAgo = nowMillis - group.evidenceMillis();
			if (measuredAgo > 0) {
				text.append(" (measured ").append(Durations.format(measuredAgo)).append(" ago, not growing since)");
			}
		}
		if (lock != null && lock.ownerId() >= 0) {
			text.append("; lock owned by \"").append(lock.ownerName()).append('"');
			text.append(lock.ownerAlive() ? "" : ", which has ended without unlocking it");
		}
		if (deadlocked > 0) {
			text.append("; ").append(deadlocked).append(" deadlocked");
		}
		return text.toString();
	}

}
