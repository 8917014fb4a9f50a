package io.github.threadleaks.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Stop-the-world cost per operation: runs each {@link SamplingOperation} in a JVM of its
 * own (a {@link SafepointWorkload} with {@code -Xlog:safepoint}), sums the safepoints
 * logged while it ran and prints a Markdown table per operation. Usage:
 * {@code SafepointCost [threads] [runs]}, by default 10000 threads and 20 runs of each
 * operation.
 */
public final class SafepointCost {

	/** The same fixed heap as the JMH forks. */
	static final List<String> HEAP = List.of("-Xms1g", "-Xmx1g");

	private SafepointCost() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		int threads = (args.length > 0) ? Integer.parseInt(args[0]) : 10_000;
		int runs = (args.length > 1) ? Integer.parseInt(args[1]) : 20;
		System.out.printf(Locale.ROOT,
				"Stop-the-world per operation on JDK %s, %,d parked threads, %d runs each "
						+ "after %d warm-up runs, heap %s%n%n",
				System.getProperty("java.version"), threads, runs, SafepointWorkload.WARMUP_RUNS,
				String.join(" ", HEAP));
		System.out
			.println("| operation | median wall time (ms) | own safepoints per run | own stop-the-world per run (ms) "
					+ "| longest own pause (ms) | GC pauses in the window, per run (ms) "
					+ "| safepoints by VM operation |");
		System.out.println("|---|---|---|---|---|---|---|");
		for (SamplingOperation operation : SamplingOperation.values()) {
			System.out.println(row(operation, measure(operation, threads, runs), runs));
		}
	}

	/** One operation's safepoints, measured in a fresh JVM. */
	static Measured measure(SamplingOperation operation, int threads, int runs)
			throws IOException, InterruptedException {
		Path log = Files.createTempFile("threadleaks-safepoints-", ".log");
		try {
			List<String> command = new ArrayList<>();
			command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			command.addAll(HEAP);
			command.add("-Xlog:safepoint=info:file=" + log + ":uptimemillis");
			command.add("-cp");
			command.add(System.getProperty("java.class.path"));
			command.add(SafepointWorkload.class.getName());
			command.add(operation.name());
			command.add(Integer.toString(threads));
			command.add(Integer.toString(runs));
			Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
			String output;
			try {
				output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
				if (!child.waitFor(10, TimeUnit.MINUTES)) {
					throw new IllegalStateException(operation + " did not finish within 10 minutes");
				}
			}
			finally {
				child.destroyForcibly();
			}
			if (child.exitValue() != 0) {
				throw new IllegalStateException(
						operation + " failed with exit code " + child.exitValue() + ": " + output);
			}
			String[] words = output.substring(output.lastIndexOf("window ")).split("\\s+");
			SafepointLog safepoints = SafepointLog.of(Files.readAllLines(log), Long.parseLong(words[1]),
					Long.parseLong(words[2]));
			return new Measured(Double.parseDouble(words[4]), safepoints);
		}
		finally {
			Files.deleteIfExists(log);
		}
	}

	/**
	 * One table row. The operation's own safepoints (stack walks) and the collections
	 * that fell in its window are shown apart: a collection's pause grows with the thread
	 * count too (every stack is a root), and how many fall in the window follows from
	 * what the operation allocates.
	 */
	static String row(SamplingOperation operation, Measured measured, int runs) {
		SafepointLog.Pauses own = measured.safepoints().ownPauses();
		SafepointLog.Pauses collections = measured.safepoints().collections();
		List<String> kinds = new ArrayList<>();
		for (Map.Entry<String, SafepointLog.Pauses> entry : measured.safepoints().byOperation().entrySet()) {
			kinds.add(entry.getKey() + " ×" + entry.getValue().count());
		}
		return String.format(Locale.ROOT, "| %s | %s | %.2f | %s | %s | %s (%d in %d runs) | %s |",
				operation.name().toLowerCase(Locale.ROOT), CostTable.number(measured.medianMillis()),
				(double) own.count() / runs, CostTable.number(own.totalNanos() / 1e6 / runs),
				CostTable.number(own.longestNanos() / 1e6), CostTable.number(collections.totalNanos() / 1e6 / runs),
				collections.count(), runs, kinds.isEmpty() ? "none" : String.join(", ", kinds));
	}

	/** One operation's median wall time and the safepoints of its measured runs. */
	record Measured(double medianMillis, SafepointLog safepoints) {
	}

}
