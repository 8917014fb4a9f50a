package io.github.threadleaks.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code analyze} on the other inputs, made from real threads of a forked JVM: a JFR
 * recording with a thread dump every second (and the thread starts, for the creation
 * site), and JDK JSON thread dumps (JDK 21+).
 */
class RecordingAndJsonTests {

	@TempDir
	Path dir;

	@Test
	void aRecordingsThreadDumpsAreTheSeriesAndItsThreadStartsTheCreationSite() throws Exception {
		Path recording = this.dir.resolve("leak.jfr");
		try (ForkedJvm jvm = ForkedJvm.start("-XX:StartFlightRecording=settings=" + resource("thread-dumps.jfc"))) {
			jvm.send("drip 24 250");
			jvm.jcmd(this.dir.resolve("jcmd.log"), false, "JFR.dump", "filename=" + recording);
		}
		CliRun run = CliRun.of("analyze", recording.toString());
		assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
		// The recording's last dump may precede the last few threads: a dump is taken
		// every second.
		assertThat(run.out()).containsPattern("SUSPECTED \\d+ threads \"replica-#\" WAITING")
			.contains("blocked at: java.util.concurrent.SynchronousQueue.put(")
			.contains("created by: io.github.threadleaks.cli.LeakingService.leak(line ")
			.contains("from io.github.threadleaks.cli.LeakingService.main(line ");
	}

	@Test
	void aRecordingWithoutThreadDumpsIsAnEmptyRecording() throws Exception {
		Path recording = this.dir.resolve("empty.jfr");
		try (ForkedJvm jvm = ForkedJvm.start("-XX:StartFlightRecording=settings=" + resource("no-events.jfc"))) {
			jvm.jcmd(this.dir.resolve("jcmd.log"), false, "JFR.dump", "filename=" + recording);
		}
		CliRun run = CliRun.of("analyze", recording.toString());
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).startsWith("threadleaks: " + recording + ": empty recording: no jdk.ThreadDump events");
	}

	@Test
	void aCorruptRecordingIsNamed() throws Exception {
		Path recording = Files.write(this.dir.resolve("corrupt.jfr"), new byte[] { 'F', 'L', 'R', 0, 0, 2, 0, 1, 9 });
		CliRun run = CliRun.of("analyze", recording.toString());
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).startsWith("threadleaks: " + recording + ": corrupt JFR recording");
	}

	@Test
	void jsonThreadDumpsAreASeries() throws Exception {
		assumeTrue(Runtime.version().feature() >= 21, "JSON thread dumps need JDK 21+");
		List<String> files = new ArrayList<>();
		try (ForkedJvm jvm = ForkedJvm.start()) {
			for (int dump = 0; dump < 5; dump++) {
				jvm.send("leak 2");
				Path file = this.dir.resolve("dump-" + dump + ".json");
				jvm.jcmd(this.dir.resolve("jcmd.log"), false, "Thread.dump_to_file", "-format=json", file.toString());
				files.add(0, file.toString());
			}
		}
		List<String> args = new ArrayList<>(List.of("analyze"));
		args.addAll(files);
		CliRun run = CliRun.of(args.toArray(String[]::new));
		assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
		assertThat(run.out()).contains("SUSPECTED 10 threads \"replica-#\" WAITING")
			.contains("history: 2 4 6 8 10\n")
			.contains("blocked at: java.util.concurrent.SynchronousQueue.put(");
	}

	@Test
	void aCorruptJsonDumpIsNamed() throws Exception {
		Path json = Files.writeString(this.dir.resolve("cut.json"),
				"{\n  \"threadDump\": {\n    \"processId\": \"1\",\n    \"time\": \"2026-01-01T00:00:00Z\",\n"
						+ "    \"threadContainers\": [ { \"container\": \"<root>\", \"threads\": [ { \"tid\": \"1\"");
		Path other = Files.writeString(this.dir.resolve("other.json"), "{\"name\": \"not a dump\"}");
		CliRun run = CliRun.of("analyze", json.toString(), other.toString());
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err())
			.contains("threadleaks: " + other + ": not a JDK thread dump (no \"threadDump\" object)\n");
		assertThat(run.err())
			.contains("threadleaks: " + json + ": truncated: the document ends early at offset 154, in thread 1\n");
	}

	static Path resource(String name) throws URISyntaxException {
		return Path.of(RecordingAndJsonTests.class.getResource("/" + name).toURI());
	}

}
