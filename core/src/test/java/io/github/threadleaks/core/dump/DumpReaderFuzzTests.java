package io.github.threadleaks.core.dump;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz tests of the dump readers: whatever the bytes, a reader answers dumps or throws
 * its one documented {@link DumpFormatException}, whose message is one printable line. In
 * a normal build they run once per seed (real dumps of JDK 17 and 25, a JDK 21-style JSON
 * dump and JDK 25's cut one, under {@code DumpReaderFuzzTestsInputs/}); with
 * {@code JAZZER_FUZZ=1} Jazzer mutates them for {@code maxDuration}.
 */
class DumpReaderFuzzTests {

	@FuzzTest(maxDuration = "10m")
	void jsonReader(byte[] input) throws Exception {
		try {
			ThreadDump dump = new JsonThreadDumpReader("fuzz.json").read(reader(input));
			assertThat(dump.threads()).allSatisfy((thread) -> assertThat(thread.id()).isNotNegative());
		}
		catch (DumpFormatException ex) {
			assertPrintableLine(ex);
		}
	}

	@FuzzTest(maxDuration = "10m")
	void textReader(byte[] input) throws Exception {
		TextThreadDumpReader reader = new TextThreadDumpReader(reader(input), "fuzz.txt", new FrameText());
		try {
			while (reader.next() != null) {
				// Each dump read whole, until the end or the first error.
			}
		}
		catch (DumpFormatException ex) {
			assertPrintableLine(ex);
			assertThat(reader.next()).isNull();
		}
	}

	private static BufferedReader reader(byte[] input) {
		return new BufferedReader(new StringReader(new String(input, StandardCharsets.UTF_8)));
	}

	private static void assertPrintableLine(DumpFormatException ex) {
		assertThat(ex.getMessage()).startsWith(ex.source() + ":").doesNotContainPattern("\\p{Cntrl}");
	}

}
