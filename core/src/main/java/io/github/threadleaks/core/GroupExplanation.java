package io.github.threadleaks.core;

import io.github.threadleaks.core.internal.Durations;
import org.jspecify.annotations.Nullable;

/** A group's state in one sentence: what the report's {@code explanation} says. */
final class GroupExplanation {

	private GroupExplanation() {
	}

	static String of(TrackedGroup group, @Nullable Evidence evidence, long stuckFor, @Nullable LockReport lock,
			int deadlocked, int minStillSamples) {
		StringBuilder text = new StringBuilder();
		text.append(group.count())
			.append((group.count() == 1) ? " thread " : " threads ")
			.append(group.key.state())
			.append(", oldest stuck ")
			.append(Durations.format(stuckFor))
			.append(", ")
			.append(group.stuckLong)
			.append(" of ")
			.append(group.count())
			.append(" stuck for >= ")
			.append(minStillSamples)
			.append(" samples");
		if (evidence != null) {
			text.append("; suspected: ").append(evidence.describe());
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
