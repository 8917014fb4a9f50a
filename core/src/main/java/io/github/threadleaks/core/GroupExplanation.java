package io.github.threadleaks.core;

import io.github.threadleaks.core.internal.Durations;
import io.github.threadleaks.core.internal.Plurals;
import org.jspecify.annotations.Nullable;

/**
 * A group's verdict in one sentence, kept in its parts so that a message can name the
 * group after its count without reading the sentence back: {@link #text()} is
 * {@code 2 threads WAITING, oldest stuck 1s, ...}, {@link #heading(String)}
 * {@code 2 threads like "pool-#" WAITING, oldest stuck 1s, ...}.
 *
 * @param count how many threads the group had
 * @param verdict what is said of them, the words after the count ({@code WAITING, oldest
 * stuck 1s, ...})
 * @since 0.1.0
 */
public record GroupExplanation(int count, String verdict) {

	/**
	 * The sentence: the count, then the verdict.
	 * @return the explanation as the report gives it
	 */
	public String text() {
		return subject() + " " + this.verdict;
	}

	/**
	 * The sentence with a label put after the count, for messages that name the group.
	 * @param label the words to put after the count ({@code like "pool-#"})
	 * @return {@code 2 threads like "pool-#" WAITING, ...}
	 */
	public String heading(String label) {
		return subject() + " " + label + " " + this.verdict;
	}

	private String subject() {
		return Plurals.count(this.count, "thread");
	}

	static GroupExplanation of(TrackedGroup group, long stuckFor, @Nullable LockReport lock, int deadlocked,
			int minStillSamples, long nowMillis) {
		StringBuilder text = new StringBuilder();
		text.append(group.key.state())
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
		return new GroupExplanation(group.count(), text.toString());
	}

}
