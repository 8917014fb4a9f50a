package io.github.threadleaks.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The safepoints of an {@code -Xlog:safepoint=info:...:uptimemillis} log that fall in a
 * window of JVM uptime: how many, their total and their longest time (each from reaching
 * the safepoint to leaving it, the log's {@code Total}), in all and per VM operation.
 * Reads the line format of JDK 17 and JDK 25.
 */
final class SafepointLog {

	/**
	 * {@code [1234ms] Safepoint "ThreadDump", Time since last: ..., Total: 704053 ns...}.
	 */
	private static final Pattern SAFEPOINT = Pattern
		.compile("^\\[(\\d+)ms\\].*\\bSafepoint \"([^\"]+)\",.*\\bTotal: (\\d+) ns");

	private final Map<String, Pauses> byOperation = new TreeMap<>();

	private final Pauses all = new Pauses();

	private final Pauses collections = new Pauses();

	private SafepointLog() {
	}

	/**
	 * The safepoints logged at an uptime from {@code fromMillis} to {@code toMillis},
	 * both included.
	 */
	static SafepointLog of(List<String> lines, long fromMillis, long toMillis) {
		SafepointLog log = new SafepointLog();
		for (String line : lines) {
			Matcher matcher = SAFEPOINT.matcher(line);
			if (matcher.find()) {
				long at = Long.parseLong(matcher.group(1));
				if (at >= fromMillis && at <= toMillis) {
					long nanos = Long.parseLong(matcher.group(3));
					log.all.add(nanos);
					if (isCollection(matcher.group(2))) {
						log.collections.add(nanos);
					}
					log.byOperation.computeIfAbsent(matcher.group(2), (name) -> new Pauses()).add(nanos);
				}
			}
		}
		return log;
	}

	Pauses all() {
		return this.all;
	}

	/** The garbage collection pauses among them. */
	Pauses collections() {
		return this.collections;
	}

	/** The safepoints of the operation itself, garbage collections left out. */
	Pauses ownPauses() {
		Pauses own = new Pauses();
		for (Map.Entry<String, Pauses> entry : this.byOperation.entrySet()) {
			if (!isCollection(entry.getKey())) {
				own.add(entry.getValue());
			}
		}
		return own;
	}

	/**
	 * G1's and Serial's collection VM operations ({@code G1CollectForAllocation},
	 * {@code G1PauseRemark}, ...).
	 */
	static boolean isCollection(String operation) {
		return operation.contains("Collect") || operation.startsWith("G1") || operation.contains("GC");
	}

	/**
	 * Per VM operation name ({@code ThreadDump}, {@code G1CollectForAllocation}, ...), by
	 * name.
	 */
	Map<String, Pauses> byOperation() {
		return this.byOperation;
	}

	/** A count of safepoints with their total and longest time. */
	static final class Pauses {

		private int count;

		private long totalNanos;

		private long longestNanos;

		void add(long nanos) {
			this.count++;
			this.totalNanos += nanos;
			this.longestNanos = Math.max(this.longestNanos, nanos);
		}

		int count() {
			return this.count;
		}

		long totalNanos() {
			return this.totalNanos;
		}

		long longestNanos() {
			return this.longestNanos;
		}

		void add(Pauses other) {
			this.count += other.count;
			this.totalNanos += other.totalNanos;
			this.longestNanos = Math.max(this.longestNanos, other.longestNanos);
		}

	}

}
