package io.github.threadleaks.junit;

import io.github.threadleaks.junit.ThreadOwners.Interval;
import io.github.threadleaks.junit.ThreadOwners.Owner;

/**
 * One check's share of the run's {@link ThreadOwners}, where tests run in parallel: the
 * interval in which the check's thread runs its test, and, once it has ended, which new
 * threads are the check's own.
 */
final class Attribution {

	private final ThreadOwners owners;

	private final Owner owner;

	private final Interval interval;

	/** Whether JUnit may run the test beside others (its execution mode). */
	private final boolean concurrent;

	private Attribution(ThreadOwners owners, String where, boolean concurrent) {
		this.owners = owners;
		this.owner = new Owner(where);
		this.interval = owners.enter(this.owner);
		this.concurrent = concurrent;
	}

	/**
	 * Begins attributing threads to the check of {@code where}, on the calling thread,
	 * which runs it; {@code concurrent} says whether JUnit may run it beside others.
	 */
	static Attribution enter(ThreadOwners owners, String where, boolean concurrent) {
		return new Attribution(owners, where, concurrent);
	}

	/**
	 * The test has ended: returns whether it may have run beside another (its execution
	 * mode says so, or another test or test class ran meanwhile), so that a census cannot
	 * tell its threads from the others'.
	 */
	boolean leave() {
		this.owners.leave(this.interval);
		return this.concurrent || this.interval.overlapped();
	}

	/**
	 * Whether a new thread may be this check's: its own, or one whose owner is not known
	 * (not delivered yet, or started by no test); never one of JUnit's threads that run
	 * tests.
	 */
	boolean mayBeOwn(long threadId) {
		if (this.owners.runsTests(threadId)) {
			return false;
		}
		Owner known = this.owners.ownerOf(threadId);
		return known == null || known == this.owner;
	}

	/** Whether the thread was started by no test, once its start is delivered. */
	boolean ownerless(long threadId) {
		return this.owners.ownerOf(threadId) == null;
	}

}
