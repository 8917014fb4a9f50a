package io.github.threadleaks.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import io.github.threadleaks.core.InvalidSettingException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code threadleaks}: the command line. Exit codes: 0 no suspect, 1 suspects, 2 bad
 * input or usage.
 *
 * @since 0.1.0
 */
@Command(name = "threadleaks", mixinStandardHelpOptions = true, versionProvider = ThreadLeaksCli.Version.class,
		subcommands = { AnalyzeCommand.class, WatchCommand.class, ReachabilityCommand.class },
		description = "Finds thread leaks: stack groups that grow while their threads sit still.",
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:no stack group suspected", "1:suspects found", "2:bad input or usage" })
public final class ThreadLeaksCli implements Callable<Integer> {

	/** No stack group suspected. */
	static final int OK = 0;

	/** At least one stack group suspected. */
	static final int SUSPECTS = 1;

	/** Bad input or usage. */
	static final int BAD_INPUT = 2;

	@Spec
	private @Nullable CommandSpec spec;

	public static void main(String[] args) {
		PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
		PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
		System.exit(run(args, out, err));
	}

	/** Runs the command line with the given arguments and returns its exit code. */
	static int run(String[] args, PrintWriter out, PrintWriter err) {
		CommandLine commandLine = new CommandLine(new ThreadLeaksCli());
		commandLine.setOut(out);
		commandLine.setErr(err);
		commandLine.setCaseInsensitiveEnumValuesAllowed(true);
		commandLine.setExecutionExceptionHandler((ex, cl, parsed) -> {
			// A setting out of range is a usage error; anything else is said in one line,
			// never as a stack trace.
			String message = (ex instanceof InvalidSettingException) ? ex.getMessage()
					: ex.getClass().getSimpleName() + ": " + ex.getMessage();
			cl.getErr().println("threadleaks: " + message);
			return BAD_INPUT;
		});
		int code = commandLine.execute(args);
		out.flush();
		err.flush();
		return code;
	}

	@Override
	public Integer call() {
		CommandSpec command = this.spec;
		if (command != null) {
			command.commandLine().usage(command.commandLine().getErr());
		}
		return BAD_INPUT;
	}

	/** The version of the jar, from its manifest where there is one. */
	static final class Version implements CommandLine.IVersionProvider {

		@Override
		public String[] getVersion() {
			String version = ThreadLeaksCli.class.getPackage().getImplementationVersion();
			return new String[] { "threadleaks " + ((version != null) ? version : "(development build)") };
		}

	}

}
