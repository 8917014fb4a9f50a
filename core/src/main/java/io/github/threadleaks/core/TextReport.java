package io.github.threadleaks.core;

import java.util.List;
import java.util.stream.Collectors;

import io.github.threadleaks.core.internal.Durations;
import io.github.threadleaks.core.internal.Plurals;

/**
 * The report as text, like Go's goroutine profile: one block per stack group, suspects
 * first, each with its count history, where its threads are blocked, the verdict in words
 * and its frames. Read by people at a terminal: the command line's text output and the
 * endpoint's {@code text/plain} answer. What the watched program chose (thread names,
 * frames) is shown with its control characters escaped: a name must not act on the
 * reader's terminal.
 *
 * @since 0.1.0
 */
public final class TextReport {

	/** Frames shown for a group that is not suspected: enough to recognise it. */
	private static final int FRAMES_OF_OTHERS = 6;

	private TextReport() {
	}

	/**
	 * The report as plain text.
	 * @param report the engine's report
	 * @param source what was judged, for the first line
	 * ({@code 12 dumps from ... to ...})
	 */
	public static String of(ThreadLeakReport report, String source) {
		StringBuilder text = new StringBuilder(4096);
		text.append(report.status())
			.append(": ")
			.append(report.suspects().size())
			.append(" of ")
			.append(report.groups().size())
			.append(" stack groups suspected of leaking (")
			.append(report.suspectedThreads())
			.append(" threads); ")
			.append(source)
			.append(", ")
			.append(report.threads())
			.append(" threads in the last\n");
		for (StackGroupReport group : report.groups()) {
			text.append('\n');
			group(text, group, group.suspected() ? Integer.MAX_VALUE : FRAMES_OF_OTHERS);
		}
		return text.toString();
	}

	/**
	 * One group as plain text, whole: its block as in the report with every frame, then
	 * its members, longest stuck first.
	 * @param detail the group and its members
	 */
	public static String of(GroupDetail detail) {
		StringBuilder text = new StringBuilder(4096);
		group(text, detail.group(), Integer.MAX_VALUE);
		text.append('\n');
		for (MemberThread member : detail.threads()) {
			text.append("  \"")
				.append(PrintableText.of(member.name()))
				.append("\" #")
				.append(member.id())
				.append(member.daemon() ? " daemon " : " ")
				.append(member.state())
				.append(", stuck for ")
				.append(Durations.format(member.stuckForMillis()))
				.append(member.deadlocked() ? ", deadlocked" : "")
				.append('\n');
		}
		if (detail.omittedThreads() > 0) {
			text.append("  ... ").append(detail.omittedThreads()).append(" more threads\n");
		}
		return text.toString();
	}

	private static void group(StringBuilder text, StackGroupReport group, int maxFrames) {
		text.append(group.suspected() ? "SUSPECTED " : "")
			.append(Plurals.count(group.count(), "thread"))
			.append(" \"")
			.append(PrintableText.of(group.name()))
			.append("\" ")
			.append(group.state())
			.append(" [group ")
			.append(group.id())
			.append("]\n");
		text.append("  history: ")
			.append(group.history().stream().map(String::valueOf).collect(Collectors.joining(" ")))
			.append('\n');
		if (group.suspected()) {
			text.append("  blocked at: ").append(PrintableText.of(group.blockedAt())).append('\n');
			text.append("  why: ").append(PrintableText.of(group.explanation())).append('\n');
			List<CreationSite> sites = group.creationSites();
			if (!sites.isEmpty()) {
				text.append("  created by: ").append(PrintableText.of(group.createdBy())).append('\n');
				List<String> starter = sites.get(0).frames();
				for (int i = 1; i < starter.size(); i++) {
					text.append("        from ").append(PrintableText.of(starter.get(i))).append('\n');
				}
			}
		}
		List<String> frames = group.frames();
		int shown = Math.min(frames.size(), maxFrames);
		for (int i = 0; i < shown; i++) {
			text.append("    ").append(PrintableText.of(frames.get(i))).append('\n');
		}
		if (shown < frames.size()) {
			text.append("    ... ").append(frames.size() - shown).append(" more frames\n");
		}
	}

}
