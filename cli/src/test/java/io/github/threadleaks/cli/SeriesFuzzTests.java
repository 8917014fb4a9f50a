package io.github.threadleaks.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz test of the series assembly: whatever the inputs (up to four files, cut from the
 * fuzzer's bytes at {@value #FILE_SEPARATOR} lines), {@code analyze} reads, drops
 * duplicates, orders and judges them without an exception: each refused input is one
 * printable line. In a normal build it runs once per seed (real JDK 17 and 25 dumps,
 * given twice and mixed with JSON, under {@code SeriesFuzzTestsInputs/}); with
 * {@code JAZZER_FUZZ=1} Jazzer mutates them for {@code maxDuration}.
 */
class SeriesFuzzTests {

	static final String FILE_SEPARATOR = "----threadleaks-fuzz-file----\n";

	private static final int MAX_FILES = 4;

	private static final Path DIR = directory();

	@FuzzTest(maxDuration = "10m")
	void seriesAssembly(byte[] input) throws IOException {
		List<Path> files = new ArrayList<>();
		String text = new String(input, StandardCharsets.ISO_8859_1);
		String[] parts = text.split(FILE_SEPARATOR, MAX_FILES);
		for (int i = 0; i < parts.length; i++) {
			// ISO-8859-1 keeps the bytes as they came: the readers see them undecoded.
			files.add(Files.write(DIR.resolve("input-" + i), parts[i].getBytes(StandardCharsets.ISO_8859_1)));
		}
		List<String> refused = new ArrayList<>();
		SeriesAnalysis.Result result = new SeriesAnalysis(new RuleOptions(), null, refused::add).analyze(files);
		assertThat(refused).allSatisfy((line) -> assertThat(line).doesNotContainPattern("\\p{Cntrl}"));
		if (result != null) {
			assertThat(result.dumps() + result.duplicates()).isEqualTo(result.read());
			assertThat(result.first()).isBeforeOrEqualTo(result.last());
		}
		else {
			assertThat(refused).isNotEmpty();
		}
		assertThat(Arrays.asList(parts)).hasSizeBetween(1, MAX_FILES);
	}

	private static Path directory() {
		try {
			Path dir = Files.createTempDirectory("threadleaks-series-fuzz-");
			dir.toFile().deleteOnExit();
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
