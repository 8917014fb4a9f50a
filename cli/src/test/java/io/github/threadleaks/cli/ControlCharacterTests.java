package io.github.threadleaks.cli;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real thread named with terminal escapes (ESC and BEL: clear the screen, set the
 * title) never reaches any output raw: the text report, the JSON and the HTML of
 * {@code analyze}, and {@code watch}'s live table and final report show it escaped.
 */
class ControlCharacterTests {

	/** How the odd name reads once escaped, its digits normalized by the grouping. */
	private static final String ESCAPED = "odd\\u001b[#J\\u001b]#;pwned\\u0007-name";

	@TempDir
	static Path dir;

	static Path series;

	@BeforeAll
	static void dumpAJvmWithAnOddlyNamedThread() throws Exception {
		series = dir.resolve("odd.txt");
		try (ForkedJvm jvm = ForkedJvm.start()) {
			jvm.send("odd-name");
			for (int dump = 0; dump < 3; dump++) {
				jvm.send("leak 2");
				jvm.threadPrintTo(series);
			}
		}
		assertThat(Files.readString(series)).contains(LeakingService.ODD_NAME);
	}

	@Test
	void theTextReportShowsTheNameEscaped() {
		CliRun run = CliRun.of("analyze", "--min-growth", "2", series.toString());
		assertThat(run.out()).contains("\"" + ESCAPED + "\"");
		assertNoRawControlCharacter(run.out());
	}

	@Test
	void theJsonShowsTheNameEscaped() {
		CliRun run = CliRun.of("analyze", "--format", "json", series.toString());
		assertThat(run.out()).contains("\"name\":\"" + ESCAPED.replace("\\", "\\\\").replace("\\\\u", "\\u") + "\"");
		assertNoRawControlCharacter(run.out());
	}

	@Test
	void theHtmlShowsTheNameEscaped() {
		CliRun run = CliRun.of("analyze", "--format", "html", series.toString());
		assertThat(run.out()).contains(ESCAPED);
		assertNoRawControlCharacter(run.out());
	}

	@Test
	void watchShowsTheNameEscapedInItsTableAndWritesItsReportAsAsked() throws Exception {
		Path report = dir.resolve("watch.json");
		try (ForkedJvm target = ForkedJvm.start()) {
			target.send("odd-name");
			Process watch = new ProcessBuilder(ForkedJvm.JAVA_HOME.resolve("bin/java").toString(), "-cp",
					System.getProperty("java.class.path"), ThreadLeaksCli.class.getName(), "watch",
					Long.toString(target.pid()), "--interval", "200ms", "--duration", "1s", "--format", "json",
					"--output", report.toString())
				.redirectErrorStream(true)
				.start();
			String output = readAll(watch.getInputStream());
			assertThat(watch.waitFor(120, TimeUnit.SECONDS)).isTrue();
			assertThat(watch.exitValue()).as(output).isZero();
			assertThat(output).contains(" sample 1 ").contains(ESCAPED.substring(0, 20));
			assertNoRawControlCharacter(output);
		}
		String json = Files.readString(report);
		assertThat(json).startsWith("{\"status\":\"OK\"").contains("\\u001b");
		assertNoRawControlCharacter(json);
	}

	private static String readAll(InputStream in) throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		in.transferTo(bytes);
		return bytes.toString(StandardCharsets.UTF_8);
	}

	private static void assertNoRawControlCharacter(String output) {
		assertThat(output.chars().filter((c) -> Character.isISOControl(c) && c != '\n' && c != '\t'))
			.as("raw control characters")
			.isEmpty();
	}

}
