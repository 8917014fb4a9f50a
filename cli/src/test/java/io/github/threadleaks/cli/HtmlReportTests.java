package io.github.threadleaks.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code --format html}: one self-contained page, rendered in the system's headless
 * chromium (its DOM read back after rendering, and a screenshot left under
 * {@code target/} for the docs).
 */
class HtmlReportTests {

	private static final Path SCREENSHOT = Path.of(System.getProperty("basedir", "."), "target", "cli-html-report.png");

	@TempDir
	Path dir;

	@Test
	void theReportIsOneSelfContainedPageThatABrowserRenders() throws Exception {
		Path series = this.dir.resolve("series.txt");
		try (ForkedJvm jvm = ForkedJvm.start()) {
			for (String step : List.of("burst 3", "leak 2", "leak 2", "release", "leak 2", "burst 2", "leak 2",
					"leak 2", "burst 2")) {
				jvm.send(step);
				jvm.threadPrintTo(series);
			}
		}
		Path page = this.dir.resolve("report.html");
		CliRun run = CliRun.of("analyze", "--format", "html", "--output", page.toString(), series.toString());
		assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
		assertThat(run.out()).isEmpty();
		String html = Files.readString(page);
		// Nothing from the network: no external script, style, image or font.
		assertThat(html).doesNotContain("http://", "https://", "<script src", "<link");
		assertThat(html.indexOf("replica-#")).as("the suspect comes first").isLessThan(html.indexOf("worker-#"));

		Path chromium = chromium();
		String dom = run(chromium, "--dump-dom", page.toUri().toString());
		assertThat(dom).contains("<div class=\"group suspected\"")
			.contains("<span class=\"badge\">SUSPECTED</span>10 threads")
			.contains("<polyline")
			.contains("<details><summary>")
			.contains("SynchronousQueue.put(");
		run(chromium, "--screenshot=" + SCREENSHOT.toAbsolutePath(), page.toUri().toString());
		assertThat(SCREENSHOT).isNotEmptyFile();
		Files.copy(SCREENSHOT, this.dir.resolve("kept.png"), StandardCopyOption.REPLACE_EXISTING);
	}

	private String run(Path chromium, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
				"--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--hide-scrollbars", "--window-size=1100,760",
				"--user-data-dir=" + this.dir.resolve("profile")));
		command.addAll(List.of(args));
		Path output = this.dir.resolve("chromium.out");
		Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
			.redirectError(this.dir.resolve("chromium.err").toFile())
			.start();
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
			fail("chromium did not finish: " + Files.readString(this.dir.resolve("chromium.err")));
		}
		return Files.readString(output, StandardCharsets.UTF_8);
	}

	/**
	 * The system's chromium; skipped where missing, except on CI, where a skip would hide
	 * a gap.
	 */
	private static Path chromium() {
		String path = System.getenv("PATH");
		if (path != null) {
			for (String directory : path.split(File.pathSeparator)) {
				Path candidate = Path.of(directory, "chromium");
				if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
					return candidate;
				}
			}
		}
		String missing = "'chromium' is not on PATH; install it with: apt-get install chromium";
		if (System.getenv("CI") != null) {
			fail(missing + " (CI is set, so this test may not be skipped)");
		}
		Assumptions.abort(missing);
		throw new AssertionError("unreachable");
	}

}
