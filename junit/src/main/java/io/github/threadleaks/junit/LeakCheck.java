package io.github.threadleaks.junit;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.github.threadleaks.core.CreationSites;
import io.github.threadleaks.core.GroupDetail;
import io.github.threadleaks.core.JvmThreadSource;
import io.github.threadleaks.core.MemberThread;
import io.github.threadleaks.core.StackGroupReport;
import io.github.threadleaks.core.ThreadCensus;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.ThreadLeakReport;
import io.github.threadleaks.core.ThreadLeaksSettings;
import io.github.threadleaks.core.ThreadSource;

/**
 * One check: the threads alive at its start and, at its end, the threads started since that are still alive
 * once they have had the linger to end. The wait joins the leftover threads in rounds of growing length, so a
 * thread that ends is noticed at once, and one that settles somewhere ignored (an idle pool) within a round.
 */
final class LeakCheck {

	private static final long FIRST_ROUND_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	private static final long LONGEST_ROUND_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

	private final ThreadSource threads;

	private final Set<Long> baseline;

	private final ThreadLeaksSettings settings;

	private final Duration linger;

	private final CreationSites creationSites;

	private LeakCheck(ThreadSource threads, CheckOptions options, CreationSites creationSites) {
		this.creationSites = creationSites;
		this.settings = options.engineSettings();
		this.linger = options.requiredLinger();
		this.threads = threads;
		List<ThreadCensus> census = threads.census();
		this.baseline = new HashSet<>(census.size() * 2);
		for (ThreadCensus thread : census) {
			this.baseline.add(thread.id());
		}
	}

	/**
	 * Starts a check of this JVM's platform threads: takes the baseline. A leak's message says where its threads
	 * were started, as the given creation sites tell.
	 */
	static LeakCheck begin(CheckOptions options, CreationSites creationSites) {
		return new LeakCheck(new JvmThreadSource(), options, creationSites);
	}

	/**
	 * Ends the check on the calling thread, which is never counted: the threads started since the baseline and
	 * still alive after the linger, unless ignored. {@code subject} names what has ended ({@code test}).
	 */
	Optional<ThreadLeakError> end(String subject) {
		ThreadLeakMonitor monitor = new ThreadLeakMonitor(this.settings,
				new NewThreadSource(this.threads, this.baseline), Clock.systemUTC(), this.creationSites);
		long deadline = System.nanoTime() + this.linger.toNanos();
		long round = FIRST_ROUND_NANOS;
		boolean interrupted = false;
		try {
			while (true) {
				ThreadLeakReport report = monitor.sample();
				if (report.groups().isEmpty()) {
					return Optional.empty();
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					// A leak: wait for JFR to deliver its threads' starts, so that the message says who started them.
					RunCreationSites.awaitCatchUp(this.creationSites);
					ThreadLeakReport described = monitor.sample();
					// Threads that ended while JFR caught up did not leak after all.
					return described.groups().isEmpty() ? Optional.empty()
							: Optional.of(new ThreadLeakError(LeakMessage.of(leftovers(monitor, described), this.linger,
									subject)));
				}
				List<GroupDetail> leftovers = leftovers(monitor, report);
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

	private static List<GroupDetail> leftovers(ThreadLeakMonitor monitor, ThreadLeakReport report) {
		List<GroupDetail> leftovers = new ArrayList<>(report.groups().size());
		for (StackGroupReport group : report.groups()) {
			monitor.group(group.id()).ifPresent(leftovers::add);
		}
		return leftovers;
	}

	/**
	 * Joins the leftover threads until each has ended or the round is over. Returns {@code false} if the calling
	 * thread was interrupted: a flag left set by the test must not cut the linger short, so the wait goes on and
	 * the flag is set again at the end.
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
			// A thread without a Thread object to join, or one that ended meanwhile: wait out the round, not spin.
			LockSupport.parkNanos(left);
		}
		return !interrupted;
	}

	/** The live platform threads with the given ids, found without walking any stack. */
	@SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; this code runs on 17.
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
