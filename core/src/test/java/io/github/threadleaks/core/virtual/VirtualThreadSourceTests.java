package io.github.threadleaks.core.virtual;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.SynchronousQueue;
import java.util.stream.Stream;

import io.github.threadleaks.core.ThreadCensus;
import io.github.threadleaks.core.ThreadLeaksSettings;
import io.github.threadleaks.core.VirtualThreadsReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.EnabledOnJre;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The dump files of {@link VirtualThreadSource}: always deleted, whether the dump and its
 * reading work or fail.
 */
class VirtualThreadSourceTests {

	@TempDir
	Path tempRoot;

	@Test
	void aDumpThatCannotBeReadLeavesNoFile() {
		VirtualThreadSource source = new VirtualThreadSource((path) -> Files.writeString(path, "{\"threadDump\": {"),
				32, this.tempRoot);
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(source::census)
			.withMessageContaining("truncated");
		assertThat(filesIn(this.tempRoot)).isEmpty();
	}

	@Test
	void aDumpThatFailsHalfWrittenLeavesNoFile() {
		VirtualThreadSource source = new VirtualThreadSource((path) -> {
			Files.writeString(path, "{");
			throw new IOException("disk full");
		}, 32, this.tempRoot);
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(source::census)
			.withMessageContaining("disk full");
		assertThat(filesIn(this.tempRoot)).isEmpty();
	}

	@Test
	@EnabledOnJre(value = JRE.JAVA_17, disabledReason = "the thread dump of virtual threads exists from JDK 21")
	void onJdk17ItSaysWhyItIsUnavailable() {
		assertThat(VirtualThreadSource.unavailableReason()).startsWith("needs JDK 21+");
		VirtualThreadMonitor monitor = VirtualThreadMonitor.of(ThreadLeaksSettings.defaults(),
				VirtualThreadSettings.builder().enabled(true).build());
		assertThat(monitor.status().status()).isEqualTo(VirtualThreadsReport.Status.UNAVAILABLE);
		assertThat(monitor.status().reason()).startsWith("needs JDK 21+");
		monitor.start();
		assertThat(monitor.isRunning()).isFalse();
		assertThatIllegalStateException().isThrownBy(monitor::sample).withMessageContaining("needs JDK 21+");
	}

	@Test
	void turnedOffItIsDisabledAndStartsNothing() {
		VirtualThreadMonitor monitor = VirtualThreadMonitor.of(ThreadLeaksSettings.defaults(),
				VirtualThreadSettings.builder().enabled(false).build());
		assertThat(monitor.status().status()).isEqualTo(VirtualThreadsReport.Status.DISABLED);
		assertThat(monitor.status().source()).isNull();
		monitor.start();
		assertThat(monitor.isRunning()).isFalse();
	}

	@Test
	void noJdkBuildIsTakenForSafeToDumpUntilMeasured() {
		assertThat(VirtualThreadSource.VERIFIED_SAFE_JDKS).isEmpty();
		assertThat(VirtualThreadSource.verifiedSafe()).isFalse();
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads and their thread dump are JDK 21+")
	void aRealDumpListsVirtualThreadsAndLeavesNoFile() throws Exception {
		assertThat(VirtualThreadSource.unavailableReason()).isNull();
		SynchronousQueue<Object> queue = new SynchronousQueue<>();
		try (VirtualThreads threads = new VirtualThreads()) {
			threads.start(3, () -> {
				queue.put(new Object());
				return null;
			});
			threads.awaitStarted(3, Thread.State.WAITING);
			VirtualThreadSource source = new VirtualThreadSource(VirtualThreadSource.jvmDumper(), 32, this.tempRoot);
			List<ThreadCensus> census = source.census();
			assertThat(census).hasSizeGreaterThanOrEqualTo(3);
			long[] ids = census.stream().mapToLong(ThreadCensus::id).toArray();
			assertThat(source.stacks(ids, 32).values())
				.anySatisfy((stack) -> assertThat(stack).anySatisfy((frame) -> assertThat(frame.qualifiedMethod())
					.isEqualTo("java.util.concurrent.SynchronousQueue.put")));
			assertThat(source.container(ids[0])).isNotNull();
		}
		assertThat(filesIn(this.tempRoot)).isEmpty();
	}

	private static List<Path> filesIn(Path directory) {
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter((path) -> !path.equals(directory)).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
