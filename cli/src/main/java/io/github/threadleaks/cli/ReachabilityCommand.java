package io.github.threadleaks.cli;

import java.io.EOFException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.github.threadleaks.core.internal.Plurals;
import io.github.threadleaks.reachability.HeapDumpReachability;
import io.github.threadleaks.reachability.PathStep;
import io.github.threadleaks.reachability.ReachabilityVerdict;
import io.github.threadleaks.reachability.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code reachability HEAP.hprof}: whether anything could ever wake the threads a heap
 * dump taken elsewhere shows blocked without a timeout.
 */
@Command(name = "reachability", mixinStandardHelpOptions = true, sortOptions = false,
		description = "Reads an HPROF heap dump (jcmd GC.heap_dump, jmap, HeapDumpOnOutOfMemoryError) and says, for "
				+ "each group of threads blocked without a timeout (same name pattern, same blocker class), whether "
				+ "anything outside those threads can still reach what they wait on.",
		exitCodeListHeading = "%nExit codes:%n", exitCodeList = { "0:nothing UNREACHABLE",
				"1:some group UNREACHABLE: its threads can never wake", "2:bad input or usage" })
final class ReachabilityCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "HEAP.hprof", description = "An HPROF heap dump.")
	Path file = Path.of("");

	@Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
	OutputFormat format = OutputFormat.TEXT;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		PrintWriter err = this.spec.commandLine().getErr();
		if (this.format == OutputFormat.HTML) {
			err.println("threadleaks: --format html is not available for reachability: use text or json");
			return ThreadLeaksCli.BAD_INPUT;
		}
		List<ReachabilityVerdict> verdicts;
		try {
			verdicts = read();
		}
		catch (BadInputException ex) {
			err.println("threadleaks: " + ex.getMessage());
			return ThreadLeaksCli.BAD_INPUT;
		}
		PrintWriter out = this.spec.commandLine().getOut();
		out.print((this.format == OutputFormat.JSON) ? json(verdicts) : text(verdicts));
		out.flush();
		boolean unreachable = verdicts.stream().anyMatch((verdict) -> verdict.verdict() == Verdict.UNREACHABLE);
		return unreachable ? ThreadLeaksCli.SUSPECTS : ThreadLeaksCli.OK;
	}

	private List<ReachabilityVerdict> read() throws BadInputException {
		if (!Files.isRegularFile(this.file)) {
			throw new BadInputException(this.file, Files.exists(this.file) ? "not a file" : "no such file");
		}
		try {
			if (!HeapDumpReachability.isHprof(this.file)) {
				throw new BadInputException(this.file, "not an HPROF heap dump (no 'JAVA PROFILE 1.0' header)");
			}
			return HeapDumpReachability.analyze(this.file);
		}
		catch (EOFException ex) {
			throw new BadInputException(this.file, "truncated heap dump: the file ends in the middle of a record");
		}
		catch (IOException ex) {
			throw new BadInputException(this.file, "cannot be read: " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			// The HPROF reader fails on the first record it cannot make sense of.
			throw new BadInputException(this.file, "corrupt heap dump (" + ex.getClass().getSimpleName()
					+ ((ex.getMessage() != null) ? ": " + ex.getMessage().lines().findFirst().orElse("") : "") + ")");
		}
	}

	private String text(List<ReachabilityVerdict> verdicts) {
		StringBuilder text = new StringBuilder();
		if (verdicts.isEmpty()) {
			text.append("No thread in ").append(this.file).append(" is blocked without a timeout.\n");
		}
		for (ReachabilityVerdict verdict : verdicts) {
			text.append(verdict.verdict())
				.append(' ')
				.append(Plurals.count(verdict.threads(), "thread"))
				.append(' ')
				.append(verdict.group())
				.append('\n')
				.append("  ")
				.append(verdict.explanation())
				.append('\n');
			for (PathStep step : verdict.path()) {
				text.append("    ").append(step).append('\n');
			}
			text.append('\n');
		}
		return text.toString();
	}

	private String json(List<ReachabilityVerdict> verdicts) {
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("file", this.file.toString());
		report.put("groups", verdicts);
		return JsonReport.value(report);
	}

}
