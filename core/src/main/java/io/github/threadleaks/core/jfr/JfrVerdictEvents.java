package io.github.threadleaks.core.jfr;

import io.github.threadleaks.core.StackGroupReport;
import io.github.threadleaks.core.ThreadLeakListener;

/**
 * Records each change of verdict as a JFR event while a recording runs:
 * {@code io.github.threadleaks.LeakSuspected} when a group becomes suspected,
 * {@code io.github.threadleaks.LeakCleared} when it clears, in the category
 * {@code Thread Leaks}. With no recording, or with the events disabled in it, nothing is
 * filled in nor written.
 *
 * @since 0.1.0
 */
public final class JfrVerdictEvents implements ThreadLeakListener {

	/** The name of the event recorded when a group becomes suspected. */
	public static final String SUSPECTED = LeakSuspectedEvent.NAME;

	/** The name of the event recorded when a suspected group clears. */
	public static final String CLEARED = LeakClearedEvent.NAME;

	@Override
	public void suspected(StackGroupReport group) {
		new LeakSuspectedEvent().commitFor(group);
	}

	@Override
	public void cleared(StackGroupReport group) {
		new LeakClearedEvent().commitFor(group);
	}

	@Override
	public String toString() {
		return "JFR verdict events";
	}

}
