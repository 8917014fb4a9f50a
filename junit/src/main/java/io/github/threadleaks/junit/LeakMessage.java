package io.github.threadleaks.junit;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.threadleaks.core.CreationSite;
import io.github.threadleaks.core.GroupDetail;
import io.github.threadleaks.core.MemberThread;
import io.github.threadleaks.core.StackGroupReport;
import io.github.threadleaks.core.internal.Durations;
import io.github.threadleaks.core.internal.Plurals;

/**
 * The failure message of a leak, grouped by stack as a goroutine profile is: one
 * paragraph per stack group, largest first, with the engine's verdict, the threads' names
 * and their top frames.
 */
final class LeakMessage {

	/** The frames printed per group; the rest are counted. */
	static final int MAX_FRAMES = 12;

	/** The thread names printed per group; the rest are counted. */
	static final int MAX_NAMES = 5;

	private LeakMessage() {
	}

	/**
	 * The message for the given leftover groups; {@code subject} names what has ended
	 * ({@code test}), and {@code timedWaiters} of the threads were in a timed wait when
	 * the linger ended, so had {@code grace} more. Each group's reachability lines
	 * ({@link ReachabilityNotes}) by group id follow its frames, and the way to ignore
	 * threads in the words of how the check was turned on.
	 */
	static String of(List<GroupDetail> groups, Duration linger, String subject, int timedWaiters, Duration grace,
			Map<String, String> reachability, Activation activation) {
		int threads = 0;
		for (GroupDetail group : groups) {
			threads += group.group().count();
		}
		StringBuilder text = new StringBuilder();
		text.append(Plurals.count(threads, "leaked thread"))
			.append(" in ")
			.append(Plurals.count(groups.size(), "stack group"))
			.append(":\n");
		for (GroupDetail group : groups) {
			appendGroup(text, group);
			text.append(reachability.getOrDefault(group.group().id(), ""));
		}
		text.append("They were started during the ")
			.append(subject)
			.append(" and were still alive ")
			.append(Durations.text(linger))
			.append(" after it ended");
		if (timedWaiters > 0) {
			text.append("; ")
				.append((timedWaiters == threads) ? (threads == 1) ? "it was" : "they were"
						: timedWaiters + " of them were")
				.append(" in a timed wait (a sleep, a timed park or wait) then, and still alive after a further ")
				.append(Durations.text(grace))
				.append(" of grace (")
				.append(PlatformProperties.TIMED_WAIT_GRACE)
				.append(')');
		}
		text.append(". Stop them before it ends (shut executors ")
			.append("down and await them, join threads) or, if they are meant to outlive it, ignore them with ")
			.append(activation.ignoreByName())
			.append('.');
		return text.toString();
	}

	private static void appendGroup(StringBuilder text, GroupDetail detail) {
		StackGroupReport group = detail.group();
		text.append("  ").append(heading(group)).append('\n');
		text.append("    threads: ");
		List<MemberThread> members = detail.threads();
		for (int i = 0; i < Math.min(members.size(), MAX_NAMES); i++) {
			text.append((i > 0) ? ", \"" : "\"").append(members.get(i).name()).append('"');
		}
		if (members.size() > MAX_NAMES) {
			text.append(" and ").append(members.size() - MAX_NAMES).append(" more");
		}
		text.append('\n');
		for (CreationSite site : group.creationSites()) {
			text.append("    created by ").append(site.site());
			if (group.creationSites().size() > 1) {
				text.append(" (").append(Plurals.count(site.threads(), "thread")).append(')');
			}
			text.append('\n');
		}
		List<String> frames = group.frames();
		if (frames.isEmpty()) {
			text.append("    (no Java frames)\n");
		}
		for (int i = 0; i < Math.min(frames.size(), MAX_FRAMES); i++) {
			text.append("    at ").append(frames.get(i)).append('\n');
		}
		if (frames.size() > MAX_FRAMES) {
			text.append("    ... ").append(frames.size() - MAX_FRAMES).append(" more\n");
		}
	}

	/**
	 * {@code 2 threads like "pool-#-thread-#" WAITING, oldest stuck 1s}: the engine's
	 * explanation with the group's normalized name put after the count.
	 */
	static String heading(StackGroupReport group) {
		return group.explained().heading("like \"" + group.name() + "\"");
	}

}
