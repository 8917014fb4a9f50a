package io.github.threadleaks.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A series is judged as its distinct dumps in their own order, whatever the inputs: the
 * same dumps given twice (a copied file, two overlapping {@code JFR.dump} snapshots) give
 * the verdict of the dumps once, and a bad or truncated input beside good ones is named
 * while the good ones are judged. On real {@code jcmd} dumps and recordings of a forked
 * JVM, on the JDK that runs the tests (17 or 25).
 */
class SeriesHygieneTests {

	@TempDir
	static Path dir;

	/** A real leak series of 6 dumps, one file. */
	static Path series;

	@BeforeAll
	static void dumpALeak() throws Exception {
		series = ForkedJvm.leakSeries(dir.resolve("series.txt"), 6);
	}

	@Test
	void theSameDumpsGivenTwiceGiveTheVerdictOfTheDumpsOnce() throws Exception {
		CliRun once = CliRun.of("analyze", series.toString());
		Path copy = Files.copy(series, dir.resolve("copy-of-series.txt"));
		CliRun twice = CliRun.of("analyze", series.toString(), copy.toString(), series.toString());
		assertThat(once.exitCode()).as(once.err()).isEqualTo(1);
		assertThat(twice.exitCode()).as(twice.err()).isEqualTo(1);
		assertThat(twice.out()).contains("SUSPECTED 12 threads \"replica-#\"")
			.contains("history: 2 4 6 8 10 12\n")
			.contains("18 dumps read, 12 duplicates left out, 0 inputs refused; 6 judged from ");
		assertThat(body(twice.out())).isEqualTo(body(once.out()));
	}

	@Test
	void dumpsAreJudgedInTheOrderOfTheirOwnTimesWhateverTheOrderOfTheFiles() throws Exception {
		List<String> lines = Files.readAllLines(series);
		int fourth = BadInputTests.nthDumpLine(lines, 4);
		// jcmd's process id line comes before the dump's date line.
		int split = fourth - 2;
		Path early = Files.write(dir.resolve("early.txt"), lines.subList(0, split));
		Path late = Files.write(dir.resolve("late.txt"), lines.subList(split, lines.size()));
		CliRun run = CliRun.of("analyze", late.toString(), early.toString());
		assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(1);
		assertThat(run.out()).contains("history: 2 4 6 8 10 12\n");
	}

	@Test
	void aJsonDumpWithABadEscapeIsNamedAndTheOtherInputsAreJudged() throws Exception {
		Path bad = Files.writeString(dir.resolve("bad-escape.json"),
				"{\"threadDump\": {\"processId\": \"1\", \"time\": \"2026-01-01T00:00:00Z\", \"threadContainers\": [\n"
						+ "{\"container\": \"<root>\", \"threads\": [{\"tid\": \"9\", \"name\": \"bad\\uZZZZ\"}]}]}}\n");
		CliRun run = CliRun.of("analyze", bad.toString(), series.toString());
		assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
		assertThat(run.err()).isEqualTo(
				"threadleaks: " + bad + ": bad \\u escape: four hex digits expected at offset 149, in thread 9\n");
		assertThat(run.out()).contains("SUSPECTED 12 threads \"replica-#\"")
			.contains("6 dumps read, 0 duplicates left out, 1 input refused; 6 judged");
	}

	@Test
	void aTruncatedJsonDumpOfJdk25IsNamedWithTheThreadWhereItStops() throws Exception {
		assumeTrue(Runtime.version().feature() >= 25, "the cut JSON dump is JDK 25's");
		List<String> files = new ArrayList<>(List.of("analyze"));
		Path cut = dir.resolve("cut.json");
		try (ForkedJvm jvm = ForkedJvm.start()) {
			// Five whole dumps: enough members judged for a verdict before the cut one.
			for (int dump = 0; dump < 5; dump++) {
				jvm.send("leak 2");
				Path file = dir.resolve("whole-" + dump + ".json");
				jvm.jcmd(dir.resolve("jcmd.log"), true, "Thread.dump_to_file", "-format=json", file.toString());
				files.add(file.toString());
			}
			jvm.send("odd-name");
			// The JDK's writer fails at the thread's name: jcmd says so, the file is cut.
			jvm.jcmd(dir.resolve("jcmd.log"), true, "Thread.dump_to_file", "-format=json", cut.toString());
		}
		assertThat(Files.readString(cut)).doesNotEndWith("}\n");
		files.add(cut.toString());
		CliRun run = CliRun.of(files.toArray(String[]::new));
		assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
		assertThat(run.err()).startsWith("threadleaks: " + cut + ": truncated: the document ends early at offset ")
			.endsWith(", in thread " + oddThreadId(cut) + "\n");
		assertThat(run.out()).contains("SUSPECTED 10 threads \"replica-#\"").contains("history: 2 4 6 8 10\n");
	}

	@Test
	void twoOverlappingRecordingsOfOneJvmAreMergedIntoOneSeries() throws Exception {
		Path first = dir.resolve("first.jfr");
		Path second = dir.resolve("second.jfr");
		try (ForkedJvm jvm = ForkedJvm
			.start("-XX:StartFlightRecording=settings=" + RecordingAndJsonTests.resource("thread-dumps.jfc"))) {
			jvm.send("drip 12 250");
			jvm.jcmd(dir.resolve("jcmd.log"), true, "JFR.dump", "filename=" + first);
			jvm.send("drip 12 250");
			jvm.jcmd(dir.resolve("jcmd.log"), true, "JFR.dump", "filename=" + second);
		}
		CliRun alone = CliRun.of("analyze", second.toString());
		CliRun both = CliRun.of("analyze", first.toString(), second.toString());
		assertThat(alone.exitCode()).as(alone.err()).isEqualTo(1);
		assertThat(both.exitCode()).as(both.err()).isEqualTo(1);
		assertThat(both.out()).containsPattern("\\d+ dumps read, [1-9]\\d* duplicates? left out, 0 inputs refused");
		assertThat(body(both.out())).isEqualTo(body(alone.out()));
	}

	/** The report without its first line, which says what was read. */
	static String body(String report) {
		return report.substring(report.indexOf('\n'));
	}

	private static String oddThreadId(Path cut) throws Exception {
		String text = Files.readString(cut);
		int tid = text.lastIndexOf("\"tid\": \"");
		return text.substring(tid + 8, text.indexOf('"', tid + 8));
	}

}
