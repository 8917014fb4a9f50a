package io.github.threadleaks.junit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.threadleaks.core.GroupDetail;
import io.github.threadleaks.core.StackGroupReport;
import io.github.threadleaks.reachability.ReachabilityAnalyzer;
import io.github.threadleaks.reachability.ReachabilityVerdict;
import io.github.threadleaks.reachability.Verdict;

/**
 * The reachability verdicts of a check's leaked groups, from at most one heap dump: the
 * first group blocked without a timeout is analysed; groups that run, sleep or sit in I/O
 * are not applicable without a dump; further blocked groups are left unanalysed, since
 * each dump pauses the JVM. Loaded only when the module is present.
 */
final class HeapReachability {

	/**
	 * How many heap dumps checks have asked for in this JVM: the extension's tests count
	 * them.
	 */
	private static final AtomicInteger DUMPS = new AtomicInteger();

	private HeapReachability() {
	}

	static Map<String, String> of(List<GroupDetail> groups) {
		ReachabilityAnalyzer analyzer = new ReachabilityAnalyzer();
		Map<String, String> notes = new LinkedHashMap<>();
		boolean dumped = false;
		for (GroupDetail group : groups) {
			String id = group.group().id();
			if (!needsDump(group.group())) {
				notes.put(id, lines(analyzer.analyze(group)));
			}
			else if (dumped) {
				notes.put(id, "    reachability: not analysed: one heap dump per check, taken for an earlier group\n");
			}
			else {
				dumped = true;
				DUMPS.incrementAndGet();
				notes.put(id, analyse(analyzer, group));
			}
		}
		return notes;
	}

	static int dumps() {
		return DUMPS.get();
	}

	/**
	 * Whether the analyzer would take a heap dump for the group: platform threads blocked
	 * without a timeout.
	 */
	private static boolean needsDump(StackGroupReport group) {
		return !group.virtual() && (group.state() == Thread.State.WAITING || group.state() == Thread.State.BLOCKED);
	}

	private static String analyse(ReachabilityAnalyzer analyzer, GroupDetail group) {
		try {
			return lines(analyzer.analyze(group));
		}
		catch (RuntimeException ex) {
			// The leak is the failure to report; a failed analysis only leaves its
			// verdict out.
			return "    reachability: not analysed: " + ex.getMessage() + "\n";
		}
	}

	private static String lines(ReachabilityVerdict verdict) {
		StringBuilder text = new StringBuilder("    reachability: ").append(verdict.verdict())
			.append(": ")
			.append(verdict.explanation())
			.append('\n');
		if (verdict.verdict() == Verdict.REACHABLE) {
			text.append("    path: ").append(verdict.pathText()).append('\n');
		}
		return text.toString();
	}

}
