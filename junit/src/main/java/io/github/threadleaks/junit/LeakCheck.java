package io.github.threadleaks.junit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.threadleaks.core.CreationSites;
import io.github.threadleaks.core.GroupDetail;
import io.github.threadleaks.core.JvmThreadSource;
import io.github.threadleaks.core.MemberThread;
import io.github.threadleaks.core.StackGrouping;
import io.github.threadleaks.core.ThreadLeaksSettings;
import io.github.threadleaks.core.ThreadOrigin;
import io.github.threadleaks.core.ThreadSource;
import org.jspecify.annotations.Nullable;

/**
 * One check: the threads alive at its start and, at its end, the threads started since
 * that are still alive once they have had the linger to end. The wait joins the leftover
 * threads in rounds of growing length, so a thread that ends is noticed at once, and one
 * that settles somewhere ignored (an idle pool) within a round. Threads in a timed wait
 * when the linger ends get one bounded extra grace, since they end by themselves; it ends
 * early once they have ended or every leftover waits untimed. A failing check waits for
 * JFR only where a leftover's start is not delivered yet.
 *
 * <p>
 * A test that left no new thread alive costs one read of the live thread ids, compared
 * with the baseline's: no stack is read. Where tests run in parallel, the new threads
 * that count are the test's own ({@link Attribution}); threads started by no test are
 * noted in the run's summary, never blamed.
 */
final class LeakCheck {

	private static final long FIRST_ROUND_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	private static final long LONGEST_ROUND_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

	private static final ThreadMXBean THREAD_IDS = ManagementFactory.getThreadMXBean();

	/**
	 * Whether a check first compares thread ids and stops there when no new thread is
	 * alive; off only in the test that proves both paths give the same verdicts.
	 */
	static volatile boolean idsFirst = true;

	/**
	 * Whether a failing check skips the waits that cannot change its verdict: JFR where
	 * the leftovers' starts are known, the rest of the grace where every leftover waits
	 * untimed. Off only in the test that proves the verdicts are the same.
	 */
	static volatile boolean shortWaits = true;

	private final ThreadSource threads;

	/**
	 * The threads alive at the start, and those left out since: idle timing-out workers,
	 * class-initializer ones.
	 */
	private final Set<Long> baseline;

	private final ThreadLeaksSettings settings;

	private final Duration linger;

	private final RunSettings run;

	private final String where;

	/** Whether a leak's message carries the heap-dump reachability verdicts. */
	private final boolean reachability;

	private final Activation activation;

	private final CreatedByRules createdBy;

	/** Where the check's test names its threads' creation sites. */
	private final CreationSites sites;

	/** Which threads are the test's own, where tests run in parallel; else null. */
	private final @Nullable Attribution attribution;

	/** Whether only the test's own threads count: it ran beside others. */
	private boolean attributed;

	private LeakCheck(CheckOptions options, RunSettings run, CheckSubject subject, @Nullable Attribution attribution) {
		this.run = run;
		this.reachability = subject.reachability();
		this.where = subject.where();
		this.activation = subject.activation();
		this.settings = options.engineSettings();
		this.linger = options.requiredLinger();
		this.createdBy = new CreatedByRules(options.ignoredCreatedBy());
		this.sites = new TestFrameSites(run.creationSites(), subject.testClasses());
		this.threads = new JvmThreadSource();
		this.attribution = attribution;
		long[] ids = THREAD_IDS.getAllThreadIds();
		this.baseline = new HashSet<>(ids.length * 2);
		for (long id : ids) {
			this.baseline.add(id);
		}
		if (run.summary() != null) {
			run.summary().checked();
		}
	}

	/**
	 * Starts a check of this JVM's platform threads: takes the baseline. Where tests run
	 * in parallel ({@code parallel}), the threads the test starts are told apart from the
	 * others' ({@link Attribution}); {@code concurrent} says whether JUnit may run this
	 * one beside others.
	 */
	static LeakCheck begin(CheckOptions options, RunSettings run, CheckSubject subject, boolean parallel,
			boolean concurrent) {
		Attribution attribution = parallel ? Attribution.enter(run.sites().owners(), subject.where(), concurrent)
				: null;
		return new LeakCheck(options, run, subject, attribution);
	}

	/**
	 * Ends the check on the calling thread, which is never counted: the threads started
	 * since the baseline and still alive after the linger, and threads then in a timed
	 * wait after the extra grace, unless ignored or started from a class initializer.
	 * {@code subject} names what has ended ({@code test}).
	 */
	Optional<ThreadLeakError> end(String subject) {
		this.attributed = this.attribution != null && this.attribution.leave();
		if (idsFirst && newThreadIds().isEmpty()) {
			return Optional.empty();
		}
		if (this.attributed && !attributable()) {
			return Optional.empty();
		}
		StackGrouping grouping = new StackGrouping(new NewThreadSource(this.threads, this::counts), this.settings,
				this.sites);
		long deadline = System.nanoTime() + this.linger.toNanos();
		long round = FIRST_ROUND_NANOS;
		// The threads in a timed wait when the linger ended; null until it has.
		Set<Long> timedWaiters = null;
		// Whether the grace ended early, all leftovers then waiting untimed.
		boolean graceCut = false;
		boolean interrupted = false;
		try {
			while (true) {
				List<GroupDetail> leftovers = grouping.sample();
				if (leftovers.isEmpty()) {
					return Optional.empty();
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					leftovers = settle(grouping);
					if (leftovers.isEmpty()) {
						return Optional.empty();
					}
					if (timedWaiters == null) {
						timedWaiters = LeftoverJoin.timedWaiters(leftovers);
						if (!timedWaiters.isEmpty() && this.run.timedWaitGrace().toNanos() > 0) {
							// Sleepers and timed parks end by themselves: one bounded
							// extra wait, then they count.
							deadline = System.nanoTime() + this.run.timedWaitGrace().toNanos();
							round = FIRST_ROUND_NANOS;
							continue;
						}
					}
					if (this.run.summary() != null) {
						this.run.summary().leaked(this.where, leftovers);
					}
					int graced = (this.run.timedWaitGrace().toNanos() > 0 && !graceCut)
							? LeftoverJoin.stillAlive(leftovers, timedWaiters) : 0;
					// The dump, if any, while the leaked threads are still blocked: only
					// a failing check pays for it.
					Map<String, String> verdicts = this.reachability ? ReachabilityNotes.of(leftovers) : Map.of();
					return Optional.of(new ThreadLeakError(LeakMessage.of(leftovers, this.linger, subject, graced,
							this.run.timedWaitGrace(), verdicts, this.activation)));
				}
				if (shortWaits && timedWaiters != null && LeftoverJoin.allWaitUntimed(leftovers)) {
					// In the grace, every leftover waits untimed: none ends by itself or
					// wakes another, so the verdict is known.
					deadline = System.nanoTime();
					graceCut = true;
					continue;
				}
				interrupted |= !LeftoverJoin.awaitEnd(leftovers, System.nanoTime() + Math.min(left, round));
				round = Math.min(round * 2, LONGEST_ROUND_NANOS);
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Whether a thread counts for this check: started since the baseline, not one the
	 * check has left out, not started from an ignored creation site, and where tests ran
	 * in parallel, perhaps the test's own.
	 */
	private boolean counts(long threadId) {
		if (this.baseline.contains(threadId)) {
			return false;
		}
		Attribution own = this.attribution;
		if (this.attributed && own != null && !own.mayBeOwn(threadId)) {
			return false;
		}
		return this.createdBy.isEmpty() || !this.createdBy.ignores(this.run.creationSites().originOf(threadId));
	}

	/** The live threads that count, by id alone: no stack is read. */
	@SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; this code runs on
										// 17.
	private List<Long> newThreadIds() {
		long self = Thread.currentThread().getId();
		List<Long> started = new ArrayList<>();
		for (long id : THREAD_IDS.getAllThreadIds()) {
			if (id != self && counts(id)) {
				started.add(id);
			}
		}
		return started;
	}

	/**
	 * Where the test ran beside others: waits for the new threads' starts to be delivered
	 * where some are not, and returns whether any may be the test's own. Where thread
	 * starts are not seen, nothing can be attributed: the summary says so and the check
	 * passes.
	 */
	private boolean attributable() {
		if (!this.run.sites().tracking()) {
			if (this.run.summary() != null) {
				this.run.summary().notAttributable(this.where);
			}
			return false;
		}
		for (long id : newThreadIds()) {
			if (this.run.creationSites().originOf(id).kind() != ThreadOrigin.Kind.STARTED_AT) {
				this.run.sites().awaitCatchUp();
				return !newThreadIds().isEmpty();
			}
		}
		return true;
	}

	/**
	 * The leftovers once JFR has delivered their starts (so that the message says who
	 * started them), less the idle workers that time out by themselves and the threads
	 * started from a class initializer, which are noted; neither is blamed again in this
	 * check.
	 */
	private List<GroupDetail> settle(StackGrouping grouping) {
		List<GroupDetail> leftovers = grouping.sample();
		if (!shortWaits || startsPending(leftovers)) {
			this.run.sites().awaitCatchUp();
			leftovers = grouping.sample();
		}
		boolean dropped = false;
		for (GroupDetail group : leftovers) {
			dropped |= this.attributed && leaveOutOwnerless(group);
			if (this.run.defaultIgnores() && DefaultIgnores.idleWorkersThatTimeOut(group.group())) {
				group.threads().forEach((member) -> this.baseline.add(member.id()));
				dropped = true;
				continue;
			}
			if (this.run.blameClassInitializers()) {
				continue;
			}
			Map<String, Integer> byInitializer = new LinkedHashMap<>();
			for (MemberThread member : group.threads()) {
				String initializer = ClassInitializerStarts
					.initializerFrame(this.run.creationSites().originOf(member.id()));
				if (initializer != null) {
					this.baseline.add(member.id());
					byInitializer.merge(initializer, 1, Integer::sum);
				}
			}
			if (this.run.summary() != null) {
				byInitializer.forEach((initializer, threads) -> this.run.summary()
					.singleton(this.where, group.group().name(), initializer, threads));
			}
			dropped |= !byInitializer.isEmpty();
		}
		return dropped ? grouping.sample() : leftovers;
	}

	/**
	 * Leaves out the group's threads that no test started (a pool's thread started by a
	 * thread alive before the test, say): in a parallel run they cannot be blamed on a
	 * test, so the summary notes them. Returns whether any was left out.
	 */
	private boolean leaveOutOwnerless(GroupDetail group) {
		Attribution own = this.attribution;
		int left = 0;
		for (MemberThread member : group.threads()) {
			if (own != null && own.ownerless(member.id())) {
				this.baseline.add(member.id());
				if (this.run.summary() != null) {
					this.run.summary().ownerless(member.id(), group.group().name());
				}
				left++;
			}
		}
		return left > 0;
	}

	/**
	 * Whether a leftover's start is not delivered yet: only then is JFR waited for. The
	 * linger and the grace give it time to deliver the rest, so the wait is seldom paid.
	 */
	private boolean startsPending(List<GroupDetail> leftovers) {
		for (GroupDetail group : leftovers) {
			for (MemberThread member : group.threads()) {
				if (this.run.creationSites().originOf(member.id()).kind() == ThreadOrigin.Kind.NOT_YET_KNOWN) {
					return true;
				}
			}
		}
		return false;
	}

}
