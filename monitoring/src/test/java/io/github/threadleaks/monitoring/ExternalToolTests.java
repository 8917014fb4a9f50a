package io.github.threadleaks.monitoring;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Finding an external program on {@code PATH}, as the tests that run one do. */
class ExternalToolTests {

	@TempDir
	Path directory;

	@Test
	void findsTheFirstExecutableOfThatName() throws IOException {
		Path notExecutable = Files.createDirectory(this.directory.resolve("a"));
		Files.createFile(notExecutable.resolve("tool"));
		Path first = executable(Files.createDirectory(this.directory.resolve("b")).resolve("tool"));
		executable(Files.createDirectory(this.directory.resolve("c")).resolve("tool"));
		String path = String.join(File.pathSeparator, "", notExecutable.toString(), first.getParent().toString(),
				this.directory.resolve("c").toString());
		assertThat(ExternalTool.find("tool", path)).contains(first);
	}

	@Test
	void findsNothingWhereNoneIs() {
		assertThat(ExternalTool.find("tool", this.directory.toString())).isEmpty();
		assertThat(ExternalTool.find("tool", "")).isEmpty();
		assertThat(ExternalTool.find("tool", null)).isEmpty();
	}

	private static Path executable(Path file) throws IOException {
		return Files.createFile(file,
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
	}

}
