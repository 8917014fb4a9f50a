package io.github.threadleaks.cli;

import java.util.List;
import java.util.stream.Collectors;

import io.github.threadleaks.core.CreationSite;
import io.github.threadleaks.core.StackGroupReport;
import io.github.threadleaks.core.ThreadLeakReport;
import io.github.threadleaks.core.internal.Plurals;

/**
 * The report as text, like Go's goroutine profile: one block per stack group, suspects
 * first, each with its count history, where its threads are blocked, the verdict in words
 * and its frames.
 */
final class TextReport {

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
	static String of(ThreadLeakReport report, String source) {
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
			group(text, group);
		}
		return text.toString();
	}

	private static void group(StringBuilder text, StackGroupReport group) {
		text.append(group.suspected() ? "SUSPECTED " : "")
			.append(Plurals.count(group.count(), "thread"))
			.append(" \"")
			.append(group.name())
			.append("\" ")
			.append(group.state())
			.append(" [group ")
			.append(group.id())
			.append("]\n");
		text.append("  history: ")
			.append(group.history().stream().map(String::valueOf).collect(Collectors.joining(" ")))
			.append('\n');
		if (group.suspected()) {
			text.append("  blocked at: ").append(group.blockedAt()).append('\n');
			text.append("  why: ").append(group.explanation()).append('\n');
			List<CreationSite> sites = group.creationSites();
			if (!sites.isEmpty()) {
				text.append("  created by: ").append(group.createdBy()).append('\n');
				List<String> starter = sites.get(0).frames();
				for (int i = 1; i < starter.size(); i++) {
					text.append("        from ").append(starter.get(i)).append('\n');
				}
			}
		}
		List<String> frames = group.frames();
		int shown = group.suspected() ? frames.size() : Math.min(frames.size(), FRAMES_OF_OTHERS);
		for (int i = 0; i < shown; i++) {
			text.append("    ").append(frames.get(i)).append('\n');
		}
		if (shown < frames.size()) {
			text.append("    ... ").append(frames.size() - shown).append(" more frames\n");
		}
	}

}
