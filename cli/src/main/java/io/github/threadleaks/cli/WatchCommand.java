package io.github.threadleaks.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.UndeclaredThrowableException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.github.threadleaks.core.JvmThreadSource;
import io.github.threadleaks.core.LeakStatus;
import io.github.threadleaks.core.TextReport;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.ThreadLeakReport;
import io.github.threadleaks.core.ThreadLeaksSettings;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code watch PID}: samples a running JVM on this host like the in-process engine does,
 * through its own {@code ThreadMXBean}, without any change or restart of it.
 */
@Command(name = "watch", mixinStandardHelpOptions = true, sortOptions = false,
		description = "Attaches to a running JVM on this host (Attach API, local management agent) and samples its "
				+ "threads like the in-process engine, showing the largest and growing groups after each sample.",
		exitCodeListHeading = "%nExit codes:%n", exitCodeList = { "0:no stack group suspected", "1:suspects found",
				"2:bad usage, attach refused, or the target went away" })
final class WatchCommand implements Callable<Integer> {

	/**
	 * The sample interval unless {@code --interval} says otherwise: a terminal shows
	 * change within seconds.
	 */
	static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

	@Parameters(paramLabel = "PID", description = "The process id of the JVM to watch.")
	String pid = "";

	@Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
			description = "Time between samples (such as 500ms, 2s). Default: 1s.")
	Duration interval = DEFAULT_INTERVAL;

	@Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
			description = "Stops after this long (such as 90s, 10m). Default: until interrupted.")
	@Nullable Duration duration;

	@Option(names = "--stop-on-leak", description = "Stops at the first sample with a suspect.")
	boolean stopOnLeak;

	@Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
			description = "Of the report written when the watch ends: text (default), json (the endpoint's report) or "
					+ "html. With json or html the live table goes to the standard error.")
	OutputFormat format = OutputFormat.TEXT;

	@Option(names = { "-o", "--output" }, paramLabel = "FILE",
			description = "Writes the report written when the watch ends to this file instead of the standard output.")
	@Nullable Path output;

	@Mixin
	RuleOptions rules = new RuleOptions();

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() throws InterruptedException {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		// The standard output carries a JSON or HTML report alone, unless it goes to a
		// file.
		PrintWriter live = (this.format == OutputFormat.TEXT || this.output != null) ? out : err;
		ThreadLeaksSettings settings = this.rules.settings(ThreadLeaksSettings.builder().sampleInterval(this.interval));
		RemoteJvm jvm;
		try {
			jvm = RemoteJvm.attach(this.pid);
		}
		catch (RemoteJvm.AttachFailure ex) {
			err.println("threadleaks: " + ex.getMessage());
			return ThreadLeaksCli.BAD_INPUT;
		}
		try (jvm) {
			ThreadLeakMonitor monitor = new ThreadLeakMonitor(settings,
					new ForeignThreadSource(new JvmThreadSource(jvm.threads())), Clock.systemUTC());
			// Stopped with Ctrl+C (or a kill), the watch still ends with its report and
			// its exit code.
			Thread stopped = new Thread(() -> {
				ThreadLeakReport last = monitor.report();
				Runtime.getRuntime().halt(writeReport(last, out, err) ? exitCode(last) : ThreadLeaksCli.BAD_INPUT);
			}, "threadleaks-watch-stopped");
			Runtime.getRuntime().addShutdownHook(stopped);
			try {
				return watch(monitor, live, out, err);
			}
			finally {
				try {
					Runtime.getRuntime().removeShutdownHook(stopped);
				}
				catch (IllegalStateException ex) {
					// Already shutting down: the hook reports.
				}
			}
		}
	}

	/**
	 * Samples until the duration ends or, with {@code --stop-on-leak}, a group is
	 * suspected.
	 */
	private int watch(ThreadLeakMonitor monitor, PrintWriter live, PrintWriter out, PrintWriter err)
			throws InterruptedException {
		boolean redraw = System.console() != null;
		long deadline = (this.duration != null) ? System.nanoTime() + this.duration.toNanos() : Long.MAX_VALUE;
		ThreadLeakReport report = ThreadLeakReport.empty();
		while (true) {
			long started = System.nanoTime();
			try {
				report = monitor.sample();
			}
			catch (UndeclaredThrowableException | IllegalStateException ex) {
				err.println("threadleaks: process " + this.pid + " cannot be sampled any more (has it ended?): "
						+ rootMessage(ex));
				return ThreadLeaksCli.BAD_INPUT;
			}
			live.print((redraw ? "\033[H\033[2J" : "\n") + LiveTable.of(report, "process " + this.pid));
			live.flush();
			boolean leak = report.status() == LeakStatus.LEAK_SUSPECTED;
			long left = deadline - System.nanoTime();
			if ((leak && this.stopOnLeak) || left <= 0) {
				break;
			}
			long pause = this.interval.toNanos() - (System.nanoTime() - started);
			Thread.sleep(Math.max(0, Math.min(pause, left)) / 1_000_000);
		}
		return writeReport(report, out, err) ? exitCode(report) : ThreadLeaksCli.BAD_INPUT;
	}

	/** Writes the whole report, in the format asked for; answers whether it could. */
	private boolean writeReport(ThreadLeakReport report, PrintWriter out, PrintWriter err) {
		String source = report.samples() + " samples of process " + this.pid;
		String written = switch (this.format) {
			case TEXT -> "\n" + TextReport.of(report, source);
			case JSON -> JsonReport.of(report);
			case HTML -> HtmlReport.of(report, source);
		};
		if (this.output == null) {
			out.print(written);
			out.flush();
			return true;
		}
		try {
			Files.writeString(this.output, written, StandardCharsets.UTF_8);
			return true;
		}
		catch (IOException ex) {
			err.println("threadleaks: cannot write " + this.output + ": " + ex.getMessage());
			err.flush();
			return false;
		}
	}

	private static int exitCode(ThreadLeakReport report) {
		return (report.status() == LeakStatus.LEAK_SUSPECTED) ? ThreadLeaksCli.SUSPECTS : ThreadLeaksCli.OK;
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ((root.getMessage() != null) ? ": " + root.getMessage() : "");
	}

}
