package io.github.threadleaks.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.github.threadleaks.core.PrintableText;
import io.github.threadleaks.core.StackGroupReport;
import io.github.threadleaks.core.ThreadLeakReport;

/**
 * The table {@code watch} shows after each sample: the suspects, then the growing and the
 * largest groups, names with their control characters escaped.
 */
final class LiveTable {

	/** Rows shown at most: a terminal's height, not the whole report. */
	static final int MAX_ROWS = 15;

	private static final int NAME_WIDTH = 28;

	private LiveTable() {
	}

	static String of(ThreadLeakReport report, String target) {
		StringBuilder table = new StringBuilder(2048);
		table.append(String.format("%s  %s  sample %d  %d threads  %d groups  %d suspected%n", target, report.takenAt(),
				report.samples(), report.threads(), report.groups().size(), report.suspects().size()));
		table.append(String.format("%-9s %6s %6s  %-13s  %-" + NAME_WIDTH + "s  %s%n", "", "COUNT", "GROWTH", "STATE",
				"NAME", "BLOCKED AT"));
		for (StackGroupReport group : rows(report)) {
			table.append(String.format("%-9s %6d %+6d  %-13s  %-" + NAME_WIDTH + "s  %s%n",
					group.suspected() ? "SUSPECTED" : "", group.count(), group.growth(), group.state(),
					cut(PrintableText.of(group.name()), NAME_WIDTH), cut(PrintableText.of(group.blockedAt()), 110)));
		}
		return table.toString();
	}

	/** Suspects first, then the groups that grew most, then the largest. */
	static List<StackGroupReport> rows(ThreadLeakReport report) {
		List<StackGroupReport> rows = new ArrayList<>(report.groups());
		rows.sort(Comparator.comparing(StackGroupReport::suspected)
			.thenComparingInt(StackGroupReport::growth)
			.thenComparingInt(StackGroupReport::count)
			.reversed());
		return rows.subList(0, Math.min(MAX_ROWS, rows.size()));
	}

	private static String cut(String text, int width) {
		return (text.length() <= width) ? text : text.substring(0, width - 3) + "...";
	}

}
