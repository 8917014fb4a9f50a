package io.github.threadleaks.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * Markdown tables of a {@link SampleCostBenchmark} run: each operation's score and error
 * per thread count, the ratios against the census and against the engine measured in the
 * same run, and, when the run had {@code -prof gc}, the memory allocated per operation.
 */
final class CostTable {

	/** Benchmark method names in table order, with their column headings. */
	private static final Map<String, String> COLUMNS = new LinkedHashMap<>();

	static {
		COLUMNS.put("census", "census `getThreadInfo(ids, 0)`");
		COLUMNS.put("stacksDepth32", "`getThreadInfo(ids, 32)`");
		COLUMNS.put("engineSteady", "ours, steady");
		COLUMNS.put("engineMoving", "ours, some moving");
		COLUMNS.put("engineCold", "ours, cold");
		COLUMNS.put("threadDump", "`dumpAllThreads(true, true)`");
		COLUMNS.put("allStackTraces", "`Thread.getAllStackTraces()`");
	}

	private static final String ALLOCATION = "gc.alloc.rate.norm";

	/** Per population (thread count, then places), per benchmark method: its result. */
	private final Map<Population, Map<String, RunResult>> results = new TreeMap<>();

	private final String jvm;

	CostTable(Collection<RunResult> runs) {
		String jvm = "";
		for (RunResult run : runs) {
			String benchmark = run.getParams().getBenchmark();
			String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
			String threads = run.getParams().getParam("threads");
			if (!benchmark.startsWith(SampleCostBenchmark.class.getName() + ".") || threads == null) {
				continue;
			}
			Population population = new Population(Integer.parseInt(threads),
					Objects.requireNonNullElse(run.getParams().getParam("places"), "MIXED"));
			this.results.computeIfAbsent(population, (key) -> new LinkedHashMap<>()).put(method, run);
			jvm = run.getParams().getVmName() + " " + run.getParams().getVmVersion() + " (JDK "
					+ run.getParams().getJdkVersion() + ")";
		}
		this.jvm = jvm;
	}

	/**
	 * The tables, or an empty string where the run measured none of the sample cost
	 * benchmarks.
	 */
	String render() {
		if (this.results.isEmpty()) {
			return "";
		}
		StringBuilder text = new StringBuilder();
		text.append("Sample cost on ")
			.append(this.jvm)
			.append(", ")
			.append(unit())
			.append(" per operation, score ± 99.9% error\n\n");
		List<String> header = new ArrayList<>(List.of("threads"));
		header.addAll(headings());
		header.add("ours steady / census");
		header.add("ours moving / census");
		header.add("threaddump / ours steady");
		row(text, header);
		separator(text, header.size());
		for (Map.Entry<Population, Map<String, RunResult>> entry : this.results.entrySet()) {
			Map<String, RunResult> byMethod = entry.getValue();
			List<String> cells = new ArrayList<>(List.of(entry.getKey().toString()));
			for (String method : COLUMNS.keySet()) {
				Result<?> result = primary(byMethod, method);
				cells.add((result != null) ? String.format(Locale.ROOT, "%s ± %s", number(result.getScore()),
						number(result.getScoreError())) : "");
			}
			cells.add(ratio(byMethod, "engineSteady", "census"));
			cells.add(ratio(byMethod, "engineMoving", "census"));
			cells.add(ratio(byMethod, "threadDump", "engineSteady"));
			row(text, cells);
		}
		appendAllocation(text);
		return text.toString();
	}

	private void appendAllocation(StringBuilder text) {
		boolean measured = this.results.values()
			.stream()
			.flatMap((byMethod) -> byMethod.values().stream())
			.anyMatch((run) -> run.getSecondaryResults().containsKey(ALLOCATION));
		if (!measured) {
			return;
		}
		text.append("\nAllocated per operation (").append(ALLOCATION).append("), KB\n\n");
		List<String> header = new ArrayList<>(List.of("threads"));
		header.addAll(headings());
		row(text, header);
		separator(text, header.size());
		for (Map.Entry<Population, Map<String, RunResult>> entry : this.results.entrySet()) {
			List<String> cells = new ArrayList<>(List.of(entry.getKey().toString()));
			for (String method : COLUMNS.keySet()) {
				RunResult run = entry.getValue().get(method);
				Result<?> allocation = (run != null) ? run.getSecondaryResults().get(ALLOCATION) : null;
				cells.add((allocation != null) ? number(allocation.getScore() / 1024) : "");
			}
			row(text, cells);
		}
	}

	/** The column headings, with the share of moving threads the run used. */
	private List<String> headings() {
		String moving = this.results.values()
			.stream()
			.map((byMethod) -> byMethod.get("engineMoving"))
			.filter((run) -> run != null && run.getParams().getParam("movingPercent") != null)
			.map((run) -> "ours, " + run.getParams().getParam("movingPercent") + "% moving")
			.findFirst()
			.orElse(COLUMNS.get("engineMoving"));
		return COLUMNS.values()
			.stream()
			.map((heading) -> heading.equals(COLUMNS.get("engineMoving")) ? moving : heading)
			.toList();
	}

	private String unit() {
		for (Map<String, RunResult> byMethod : this.results.values()) {
			for (RunResult run : byMethod.values()) {
				return run.getPrimaryResult().getScoreUnit();
			}
		}
		return "";
	}

	private static @Nullable Result<?> primary(Map<String, RunResult> byMethod, String method) {
		RunResult run = byMethod.get(method);
		return (run != null) ? run.getPrimaryResult() : null;
	}

	private static String ratio(Map<String, RunResult> byMethod, String numerator, String denominator) {
		Result<?> top = primary(byMethod, numerator);
		Result<?> bottom = primary(byMethod, denominator);
		if (top == null || bottom == null || bottom.getScore() <= 0) {
			return "";
		}
		return String.format(Locale.ROOT, "%.2f×", top.getScore() / bottom.getScore());
	}

	/** Three significant digits, whatever the magnitude. */
	static String number(double value) {
		if (Double.isNaN(value)) {
			return "n/a";
		}
		double magnitude = Math.abs(value);
		if (magnitude >= 100) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		if (magnitude >= 10) {
			return String.format(Locale.ROOT, "%.1f", value);
		}
		if (magnitude >= 1) {
			return String.format(Locale.ROOT, "%.2f", value);
		}
		return String.format(Locale.ROOT, "%.3f", value);
	}

	private static void row(StringBuilder text, List<String> cells) {
		text.append("| ").append(String.join(" | ", cells)).append(" |\n");
	}

	private static void separator(StringBuilder text, int columns) {
		text.append("|").append("---|".repeat(columns)).append('\n');
	}

	/** A row of the tables: how many threads, resting where. */
	private record Population(int threads, String places) implements Comparable<Population> {

		@Override
		public int compareTo(Population other) {
			int byThreads = Integer.compare(this.threads, other.threads);
			return (byThreads != 0) ? byThreads : this.places.compareTo(other.places);
		}

		/** The count, and the places unless they are the default mix. */
		@Override
		public String toString() {
			String count = String.format(Locale.ROOT, "%,d", this.threads);
			return this.places.equals("MIXED") ? count
					: count + " " + this.places.toLowerCase(Locale.ROOT).replace('_', ' ');
		}

	}

}
