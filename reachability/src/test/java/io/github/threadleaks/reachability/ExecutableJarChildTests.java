package io.github.threadleaks.reachability;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import io.github.threadleaks.core.ThreadNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.loader.tools.Library;
import org.springframework.boot.loader.tools.LibraryScope;
import org.springframework.boot.loader.tools.Repackager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint's child JVM when the service runs from its executable jar
 * ({@code java -jar}, this module and core nested in {@code BOOT-INF/lib}): the child
 * must start from that jar through Boot's launcher. The jar is made by Boot's own
 * repackager, as the Maven and Gradle plugins make it.
 */
class ExecutableJarChildTests {

	@TempDir
	Path dir;

	@Test
	void theChildStartsFromTheServicesExecutableJar() throws Exception {
		Path plain = jar(Path.of("target/test-classes"), this.dir.resolve("service.jar"),
				(name) -> name.startsWith(ExecutableJarService.class.getName().replace('.', '/')));
		Path reachability = library(ReachabilityChild.class, "threadleaks-reachability.jar");
		Path core = library(ThreadNames.class, "threadleaks-core.jar");
		Path executable = this.dir.resolve("service-exec.jar");
		Repackager repackager = new Repackager(plain.toFile());
		repackager.setMainClass(ExecutableJarService.class.getName());
		repackager.repackage(executable.toFile(), (callback) -> {
			callback.library(new Library(reachability.toFile(), LibraryScope.COMPILE));
			callback.library(new Library(core.toFile(), LibraryScope.COMPILE));
		});
		Path output = this.dir.resolve("service.log");
		Process service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
				executable.toString())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		try {
			assertThat(service.waitFor(LeakyThreads.DEADLINE.toSeconds() * 4, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			service.destroyForcibly();
		}
		String log = Files.readString(output, StandardCharsets.UTF_8);
		assertThat(service.exitValue()).as(log).isZero();
		assertThat(log)
			.contains("verdict UNREACHABLE on 1 thread, blocker java.util.concurrent.CompletableFuture$Signaller");
	}

	/** The jar a class comes from, or a jar made of its class directory. */
	private Path library(Class<?> type, String name) throws IOException, URISyntaxException {
		Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
		return Files.isDirectory(location) ? jar(location, this.dir.resolve(name), (entry) -> true) : location;
	}

	private static Path jar(Path classes, Path target, Predicate<String> include) throws IOException {
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target));
				Stream<Path> files = Files.walk(classes)) {
			List<Path> regular = files.filter(Files::isRegularFile).sorted().toList();
			for (Path file : regular) {
				String name = classes.relativize(file).toString().replace('\\', '/');
				if (include.test(name)) {
					out.putNextEntry(new JarEntry(name));
					Files.copy(file, (OutputStream) out);
					out.closeEntry();
				}
			}
		}
		return target;
	}

}
