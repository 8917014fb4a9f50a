package io.github.threadleaks.reachability;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child JVM's entry point: reads an {@link AnalysisRequest} from standard input,
 * analyses the heap dump it names, and writes the verdict to the file given as the only
 * argument. Not for people: {@link ReachabilityAnalyzer#inChildJvm} starts it.
 *
 * @since 0.1.0
 */
public final class ReachabilityChild {

	private ReachabilityChild() {
	}

	/**
	 * Analyses one request.
	 * @param args the file to write the verdict to
	 * @throws IOException where the request, the dump or the verdict file cannot be read
	 * or written
	 */
	public static void main(String[] args) throws IOException {
		AnalysisRequest request = AnalysisRequest.read(new DataInputStream(new BufferedInputStream(System.in)));
		ReachabilityVerdict verdict = request.analyzeHere();
		try (DataOutputStream out = new DataOutputStream(
				new BufferedOutputStream(Files.newOutputStream(Path.of(args[0]))))) {
			VerdictCodec.write(verdict, out);
		}
	}

}
