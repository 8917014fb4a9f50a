package io.github.threadleaks.core;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The policy for external programs: found on PATH; missing, skipped with what to install,
 * but failed on CI.
 */
class SystemBinaryTests {

	private static final String INSTALL = "apt-get install no-such-package";

	@TempDir
	Path bin;

	@Test
	void executableOnPathIsFound() throws IOException {
		Path program = executable(this.bin.resolve("tool"));
		String path = "/no/such/directory" + File.pathSeparator + this.bin;

		assertThat(SystemBinary.require("tool", INSTALL, path, null)).isEqualTo(program);
	}

	@Test
	void theFirstExecutableOfThatNameIsFound() throws IOException {
		Path notExecutable = Files.createDirectory(this.bin.resolve("a"));
		Files.createFile(notExecutable.resolve("tool"));
		Path first = executable(Files.createDirectory(this.bin.resolve("b")).resolve("tool"));
		executable(Files.createDirectory(this.bin.resolve("c")).resolve("tool"));
		String path = String.join(File.pathSeparator, "", notExecutable.toString(), first.getParent().toString(),
				this.bin.resolve("c").toString());

		assertThat(SystemBinary.find("tool", path)).contains(first);
	}

	@Test
	void nothingIsFoundWhereNoneIs() {
		assertThat(SystemBinary.find("tool", this.bin.toString())).isEmpty();
		assertThat(SystemBinary.find("tool", "")).isEmpty();
		assertThat(SystemBinary.find("tool", null)).isEmpty();
	}

	@Test
	void missingProgramSkipsWithWhatToInstall() {
		assertThatExceptionOfType(TestAbortedException.class)
			.isThrownBy(() -> SystemBinary.require("tool", INSTALL, this.bin.toString(), null))
			.withMessageContaining("'tool' is not on PATH; install it with: " + INSTALL);
	}

	@Test
	void missingProgramFailsOnCi() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> SystemBinary.require("tool", INSTALL, this.bin.toString(), "true"))
			.withMessageContaining("install it with: " + INSTALL)
			.withMessageContaining("CI is set");
	}

	@Test
	void fileThatIsNotExecutableIsMissing() throws IOException {
		Files.createFile(this.bin.resolve("tool"));

		assertThatExceptionOfType(TestAbortedException.class)
			.isThrownBy(() -> SystemBinary.require("tool", INSTALL, this.bin.toString(), null));
	}

	private static Path executable(Path file) throws IOException {
		return Files.createFile(file,
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
	}

}
