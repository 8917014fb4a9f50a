package io.github.threadleaks.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import io.github.threadleaks.core.LeakStatus;
import io.github.threadleaks.core.TextReport;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code analyze FILE...}: judges a series of thread dumps, from any mix of jstack text,
 * JSON and JFR files.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
		description = "Judges a series of thread dumps: jstack or jcmd Thread.print text (one or many dumps per "
				+ "file), JDK JSON thread dumps, JFR recordings with jdk.ThreadDump events. Each file's format is read "
				+ "from its content; the dumps are judged in the order of their own timestamps.",
		exitCodeListHeading = "%nExit codes:%n", exitCodeList = { "0:no stack group suspected", "1:suspects found",
				"2:usage, or no series could be read (bad inputs are said, and the rest judged)" })
final class AnalyzeCommand implements Callable<Integer> {

	@Parameters(arity = "1..*", paramLabel = "FILE", description = "Thread dumps, JSON thread dumps or JFR recordings.")
	List<Path> files = List.of();

	@Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
			description = "text (default), json (the endpoint's report) or html.")
	OutputFormat format = OutputFormat.TEXT;

	@Option(names = { "-o", "--output" }, paramLabel = "FILE",
			description = "Writes the report to this file instead of the standard output.")
	@Nullable Path output;

	@Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class,
			description = "The time one point of a group's history stands for (such as 10s). Default: the median time "
					+ "between dumps.")
	@Nullable Duration interval;

	@Mixin
	RuleOptions rules = new RuleOptions();

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() throws IOException {
		PrintWriter err = this.spec.commandLine().getErr();
		SeriesAnalysis analysis = new SeriesAnalysis(this.rules, this.interval,
				(problem) -> err.println("threadleaks: " + problem));
		SeriesAnalysis.Result result = analysis.analyze(this.files);
		if (result == null) {
			return ThreadLeaksCli.BAD_INPUT;
		}
		String source = result.series();
		if (this.format == OutputFormat.JSON) {
			// The document stays the endpoint's: what was judged goes beside it.
			err.println("threadleaks: " + source);
		}
		String written = switch (this.format) {
			case TEXT -> TextReport.of(result.report(), source);
			case JSON -> JsonReport.of(result.report());
			case HTML -> HtmlReport.of(result.report(), source);
		};
		if (this.output != null) {
			Files.writeString(this.output, written, StandardCharsets.UTF_8);
		}
		else {
			PrintWriter out = this.spec.commandLine().getOut();
			out.print(written);
			out.flush();
		}
		// Refused inputs are said above; what could be judged gives the verdict.
		return (result.report().status() == LeakStatus.LEAK_SUSPECTED) ? ThreadLeaksCli.SUSPECTS : ThreadLeaksCli.OK;
	}

}
