package io.github.threadleaks.junit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.github.threadleaks.core.GroupDetail;
import io.github.threadleaks.core.JvmThreadSource;
import io.github.threadleaks.core.MemberThread;
import io.github.threadleaks.core.StackGrouping;
import io.github.threadleaks.core.ThreadCensus;
import io.github.threadleaks.core.ThreadLeaksSettings;
import io.github.threadleaks.core.ThreadSource;

/**
 * One check: the threads alive at its start and, at its end, the threads started since
 * that are still alive once they have had the linger to end. The wait joins the leftover
 * threads in rounds of growing length, so a thread that ends is noticed at once, and one
 * that settles somewhere ignored (an idle pool) within a round. Threads in a timed wait
 * when the linger ends get one bounded extra grace, since they end by themselves.
 */
final class LeakCheck {

	private static final long FIRST_ROUND_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	private static final long LONGEST_ROUND_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

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

	private LeakCheck(ThreadSource threads, CheckOptions options, RunSettings run, String where, boolean reachability) {
		this.run = run;
		this.reachability = reachability;
		this.where = where;
		this.settings = options.engineSettings();
		this.linger = options.requiredLinger();
		this.threads = threads;
		List<ThreadCensus> census = threads.census();
		this.baseline = new HashSet<>(census.size() * 2);
		for (ThreadCensus thread : census) {
			this.baseline.add(thread.id());
		}
		if (run.summary() != null) {
			run.summary().checked();
		}
	}

	/**
	 * Starts a check of this JVM's platform threads: takes the baseline. {@code where}
	 * names the test or test class in the run's summary; {@code reachability} adds the
	 * heap-dump verdicts to a leak's message.
	 */
	static LeakCheck begin(CheckOptions options, RunSettings run, String where, boolean reachability) {
		return new LeakCheck(new JvmThreadSource(), options, run, where, reachability);
	}

	/**
	 * Ends the check on the calling thread, which is never counted: the threads started
	 * since the baseline and still alive after the linger, and threads then in a timed
	 * wait after the extra grace, unless ignored or started from a class initializer.
	 * {@code subject} names what has ended ({@code test}).
	 */
	Optional<ThreadLeakError> end(String subject) {
		StackGrouping grouping = new StackGrouping(new NewThreadSource(this.threads, this.baseline), this.settings,
				this.run.creationSites());
		long deadline = System.nanoTime() + this.linger.toNanos();
		long round = FIRST_ROUND_NANOS;
		// The threads in a timed wait when the linger ended; null until it has.
		Set<Long> timedWaiters = null;
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
						timedWaiters = timedWaiters(leftovers);
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
					int graced = (this.run.timedWaitGrace().toNanos() > 0) ? stillTimedWaiting(leftovers, timedWaiters)
							: 0;
					// The dump, if any, while the leaked threads are still blocked: only
					// a failing check pays for it.
					Map<String, String> verdicts = this.reachability ? ReachabilityNotes.of(leftovers) : Map.of();
					return Optional.of(new ThreadLeakError(LeakMessage.of(leftovers, this.linger, subject, graced,
							this.run.timedWaitGrace(), verdicts)));
				}
				interrupted |= !awaitEnd(leftovers, System.nanoTime() + Math.min(left, round));
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
	 * The leftovers once JFR has delivered their starts (so that the message says who
	 * started them), less the idle workers that time out by themselves and the threads
	 * started from a class initializer, which are noted; neither is blamed again in this
	 * check.
	 */
	private List<GroupDetail> settle(StackGrouping grouping) {
		RunCreationSites.awaitCatchUp(this.run.creationSites());
		List<GroupDetail> leftovers = grouping.sample();
		boolean dropped = false;
		for (GroupDetail group : leftovers) {
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
	 * The ids of the leftover threads in a timed wait: a sleep, a timed park or a timed
	 * wait.
	 */
	private static Set<Long> timedWaiters(List<GroupDetail> leftovers) {
		Set<Long> ids = new HashSet<>();
		for (GroupDetail group : leftovers) {
			for (MemberThread member : group.threads()) {
				if (member.state() == Thread.State.TIMED_WAITING) {
					ids.add(member.id());
				}
			}
		}
		return ids;
	}

	/**
	 * How many of the leftovers were in a timed wait when the linger ended, and so had
	 * the extra grace.
	 */
	private static int stillTimedWaiting(List<GroupDetail> leftovers, Set<Long> timedWaiters) {
		int count = 0;
		for (GroupDetail group : leftovers) {
			for (MemberThread member : group.threads()) {
				if (timedWaiters.contains(member.id())) {
					count++;
				}
			}
		}
		return count;
	}

	/**
	 * Joins the leftover threads until each has ended or the round is over. Returns
	 * {@code false} if the calling thread was interrupted: a flag left set by the test
	 * must not cut the linger short, so the wait goes on and the flag is set again at the
	 * end.
	 */
	private static boolean awaitEnd(List<GroupDetail> leftovers, long roundEndNanos) {
		Set<Long> ids = new HashSet<>();
		for (GroupDetail group : leftovers) {
			for (MemberThread member : group.threads()) {
				ids.add(member.id());
			}
		}
		boolean interrupted = false;
		List<Thread> joinable = liveThreads(ids);
		for (Thread thread : joinable) {
			long left = roundEndNanos - System.nanoTime();
			if (left <= 0) {
				break;
			}
			try {
				thread.join(TimeUnit.NANOSECONDS.toMillis(left), (int) (left % 1_000_000));
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		long left = roundEndNanos - System.nanoTime();
		if (joinable.size() < ids.size() && left > 0) {
			// A thread without a Thread object to join, or one that ended meanwhile: wait
			// out the round, not spin.
			LockSupport.parkNanos(left);
		}
		return !interrupted;
	}

	/** The live platform threads with the given ids, found without walking any stack. */
	@SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; this code runs on
										// 17.
	static List<Thread> liveThreads(Set<Long> ids) {
		ThreadGroup root = Thread.currentThread().getThreadGroup();
		while (root.getParent() != null) {
			root = root.getParent();
		}
		Thread[] all = new Thread[root.activeCount() + 16];
		int count;
		while ((count = root.enumerate(all, true)) == all.length) {
			all = new Thread[all.length * 2];
		}
		List<Thread> found = new ArrayList<>(ids.size());
		for (int i = 0; i < count; i++) {
			if (ids.contains(all[i].getId())) {
				found.add(all[i]);
			}
		}
		return found;
	}

}
