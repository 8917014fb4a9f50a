package io.github.threadleaks.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input never crashes and never loses the rest: each gives one line naming the file
 * (and the line where it applies), no stack trace, while the good inputs beside it are
 * still judged and give the verdict; exit 2 only where nothing could be judged.
 */
class BadInputTests {

	@TempDir
	static Path dir;

	/** A real leak series of 6 dumps, one file. */
	static Path series;

	@BeforeAll
	static void dumpALeak() throws Exception {
		series = ForkedJvm.leakSeries(dir.resolve("series.txt"), 6);
	}

	@Test
	void aMissingFileIsNamedAndTheOtherInputsAreStillJudged() {
		Path missing = dir.resolve("no-such-dump.txt");
		CliRun run = CliRun.of("analyze", missing.toString(), series.toString());
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).isEqualTo("threadleaks: " + missing + ": no such file\n");
		assertThat(run.out()).contains("SUSPECTED 12 threads \"replica-#\"");
	}

	@Test
	void aFileOfAnUnknownFormatIsNamed() throws Exception {
		Path notes = Files.writeString(dir.resolve("notes.txt"), "these are not\nthread dumps\n");
		CliRun run = CliRun.of("analyze", notes.toString(), series.toString());
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).isEqualTo("threadleaks: " + notes + ": unknown format: no thread dump in it (no 'Full "
				+ "thread dump' line), and it is neither a JSON thread dump nor a JFR recording\n");
		assertThat(run.out()).contains("SUSPECTED 12 threads");
	}

	@Test
	void aTruncatedDumpIsNamedWithItsLineAndTheDumpsBeforeItAreJudged() throws Exception {
		List<String> lines = Files.readAllLines(series);
		int fifthDump = nthDumpLine(lines, 5);
		// The file ends half way through its sixth dump.
		int sixthDump = nthDumpLine(lines, 6);
		Path truncated = Files.write(dir.resolve("truncated.txt"), lines.subList(0, sixthDump + 20));
		CliRun run = CliRun.of("analyze", truncated.toString());
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).startsWith("threadleaks: " + truncated + ":" + (sixthDump + 1)
				+ ": truncated: the dump ends before its 'JNI global refs' line, after thread ");
		assertThat(run.out()).contains("SUSPECTED 10 threads \"replica-#\"").contains("history: 2 4 6 8 10\n");
		assertThat(fifthDump).isLessThan(sixthDump);
	}

	@Test
	void aCorruptLineIsNamedWithItsLineNumberAndTheDumpsBeforeItAreJudged() throws Exception {
		List<String> lines = new ArrayList<>(Files.readAllLines(series));
		// The sixth dump's: five dumps before it give enough members judged for a
		// verdict.
		int frame = nthDumpLine(lines, 6);
		while (!lines.get(frame).startsWith("\tat ")) {
			frame++;
		}
		lines.set(frame, "\tat garbage without a location");
		Path corrupt = Files.write(dir.resolve("corrupt.txt"), lines);
		CliRun run = CliRun.of("analyze", corrupt.toString());
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).startsWith("threadleaks: " + corrupt + ":" + (frame + 1)
				+ ": unreadable stack frame: at garbage without a location in thread ");
		assertThat(run.out()).contains("SUSPECTED 10 threads \"replica-#\"").contains("history: 2 4 6 8 10\n");
	}

	@Test
	void anEmptyFileIsNamed() throws Exception {
		Path empty = Files.write(dir.resolve("empty.txt"), new byte[0]);
		CliRun run = CliRun.of("analyze", empty.toString());
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).startsWith("threadleaks: " + empty + ": empty file\n")
			.endsWith("threadleaks: a series needs at least 3 thread dumps to judge growth; 0 could be read\n");
		assertThat(run.out()).isEmpty();
	}

	@Test
	void tooFewDumpsToJudgeAreSaid() throws Exception {
		List<String> lines = Files.readAllLines(series);
		Path two = Files.write(dir.resolve("two.txt"), lines.subList(0, nthDumpLine(lines, 3) - 1));
		CliRun run = CliRun.of("analyze", two.toString());
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err())
			.isEqualTo("threadleaks: a series needs at least 3 thread dumps to judge growth; 2 could be read\n");
	}

	@Test
	void aRuleSettingOutOfRangeIsAUsageErrorNamingIt() {
		CliRun run = CliRun.of("analyze", "--window", "1", series.toString());
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).isEqualTo("threadleaks: window must be between 3 and 10000 but was 1\n");
	}

	@Test
	void usageErrorsExit2() {
		assertThat(CliRun.of().exitCode()).isEqualTo(2);
		assertThat(CliRun.of("analyze").exitCode()).isEqualTo(2);
		CliRun unknown = CliRun.of("analyze", "--no-such-option", series.toString());
		assertThat(unknown.exitCode()).isEqualTo(2);
		assertThat(unknown.err()).startsWith("Unknown option: '--no-such-option'");
		assertThat(CliRun.of("analyze", "--format", "yaml", series.toString()).exitCode()).isEqualTo(2);
	}

	@Test
	void binaryGarbageIsAnUnknownFormat() throws Exception {
		byte[] garbage = new byte[4096];
		for (int i = 0; i < garbage.length; i++) {
			garbage[i] = (byte) (i * 31 + 7);
		}
		Path binary = Files.write(dir.resolve("core.bin"), garbage);
		CliRun run = CliRun.of("analyze", binary.toString(), series.toString());
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).startsWith("threadleaks: " + binary + ": unknown format");
		assertThat(new String(garbage, StandardCharsets.ISO_8859_1)).doesNotContain("Full thread dump");
	}

	/**
	 * The 0-based index of the line that begins the nth dump (the
	 * {@code Full thread dump} line), from 1.
	 */
	static int nthDumpLine(List<String> lines, int n) {
		int seen = 0;
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).startsWith("Full thread dump") && ++seen == n) {
				return i;
			}
		}
		throw new IllegalArgumentException("fewer than " + n + " dumps");
	}

}
