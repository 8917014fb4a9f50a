package io.github.threadleaks.reachability;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.threadleaks.core.ThreadNames;
import org.jspecify.annotations.Nullable;

/**
 * Reads the heap dump in a child JVM: the same {@code java} as this one, with a bounded
 * heap and this module's jars on its class path, killed when it takes too long. Only the
 * verdict comes back, so this JVM's heap holds none of the analysis.
 */
final class ChildJvm implements DumpAnalysis {

	/** The smallest heap the child may be given: below it even a small dump fails. */
	static final long MIN_HEAP_BYTES = 64L << 20;

	/** The exit status of a JVM stopped by {@code -XX:+ExitOnOutOfMemoryError}. */
	private static final int OUT_OF_MEMORY = 3;

	/** One class of each jar the child needs: this module and core. */
	private static final List<Class<?>> JARS = List.of(ReachabilityChild.class, ThreadNames.class);

	/** Boot's launcher, for an application run from its executable jar. */
	private static final String BOOT_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

	private static final String NESTED = "jar:nested:";

	private final long maxHeapBytes;

	private final Duration timeout;

	ChildJvm(long maxHeapBytes, Duration timeout) {
		if (maxHeapBytes < MIN_HEAP_BYTES) {
			throw new IllegalArgumentException("The analysis JVM's maximum heap must be at least 64 MB, not "
					+ (maxHeapBytes >> 20) + " MB (" + maxHeapBytes + " bytes)");
		}
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("The analysis JVM's timeout must be positive, not " + timeout);
		}
		this.maxHeapBytes = maxHeapBytes;
		this.timeout = timeout;
	}

	@Override
	public ReachabilityVerdict analyze(AnalysisRequest request) throws IOException {
		Path directory = request.file().toAbsolutePath().resolveSibling(".");
		Path verdict = directory.resolve("verdict.bin").normalize();
		Path log = directory.resolve("analysis.log").normalize();
		List<String> command = new ArrayList<>();
		command.add(java());
		command.add("-Xmx" + (this.maxHeapBytes >> 20) + "m");
		command.add("-XX:+ExitOnOutOfMemoryError");
		// One thread's batch job: the serial collector keeps the footprint near the live
		// set.
		command.add("-XX:+UseSerialGC");
		command.addAll(classPathAndMain());
		command.add(verdict.toString());
		Process child = new ProcessBuilder(command).redirectOutput(log.toFile()).redirectErrorStream(true).start();
		try {
			try (DataOutputStream in = new DataOutputStream(child.getOutputStream())) {
				request.write(in);
			}
			if (!child.waitFor(this.timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AnalysisLimitException(AnalysisLimitException.Limit.TIME,
						"The heap dump's analysis took longer than its timeout of " + this.timeout
								+ " and was stopped");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("Interrupted while the heap dump was analysed");
		}
		finally {
			child.destroyForcibly();
		}
		int status = child.exitValue();
		String output = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
		if (status == OUT_OF_MEMORY || output.contains("OutOfMemoryError")) {
			throw new AnalysisLimitException(AnalysisLimitException.Limit.HEAP,
					"The heap dump's analysis needed more than its maximum heap of " + (this.maxHeapBytes >> 20)
							+ " MB (" + request.file().toFile().length() / (1 << 20) + " MB dump) and was stopped");
		}
		if (status != 0) {
			throw new IOException("The heap dump's analysis failed (exit status " + status + "): " + lastLine(output));
		}
		try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(verdict)))) {
			return VerdictCodec.read(in);
		}
	}

	/** The {@code java} this JVM runs on. */
	private static String java() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

	/**
	 * The class path and main class: the jars themselves, or the application's executable
	 * jar through Boot's launcher where they are nested in it.
	 */
	static List<String> classPathAndMain() {
		Set<String> files = new LinkedHashSet<>();
		String archive = null;
		for (Class<?> type : JARS) {
			CodeSource source = type.getProtectionDomain().getCodeSource();
			URL location = (source != null) ? source.getLocation() : null;
			String text = (location != null) ? location.toString() : "";
			if (location != null && "file".equals(location.getProtocol())) {
				files.add(file(location));
			}
			else if (text.startsWith(NESTED) && text.contains("/!")) {
				archive = URLDecoder.decode(text.substring(NESTED.length(), text.indexOf("/!")),
						StandardCharsets.UTF_8);
			}
			else {
				throw new IllegalStateException("Cannot start the heap dump's analysis JVM: " + type.getName()
						+ " is loaded from " + (text.isEmpty() ? "no location" : text) + ", not from a file");
			}
		}
		if (archive != null) {
			return List.of("-cp", archive, "-Dloader.main=" + ReachabilityChild.class.getName(), BOOT_LAUNCHER);
		}
		return List.of("-cp", String.join(File.pathSeparator, files), ReachabilityChild.class.getName());
	}

	private static String file(URL location) {
		try {
			return Path.of(location.toURI()).toString();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException("Cannot read the class path entry " + location, ex);
		}
	}

	private static String lastLine(@Nullable String output) {
		String[] lines = (output != null) ? output.strip().split("\\R") : new String[0];
		return (lines.length > 0 && !lines[lines.length - 1].isEmpty()) ? lines[lines.length - 1] : "no output";
	}

}
