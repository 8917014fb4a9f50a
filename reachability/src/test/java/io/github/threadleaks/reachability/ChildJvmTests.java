package io.github.threadleaks.reachability;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import io.github.threadleaks.core.GroupDetail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The analysis in a real child JVM, started from this one's {@code java} and class path,
 * on real heap dumps of this JVM.
 */
class ChildJvmTests {

	private static final long HEAP = 256L << 20;

	private final LeakyThreads threads = new LeakyThreads();

	@AfterEach
	void release() throws InterruptedException {
		this.threads.release();
		PendingReplies.REPLIES.values().forEach((reply) -> reply.complete("released"));
		PendingReplies.REPLIES.clear();
	}

	@Test
	void theChildJudgesAnOrphanedFutureUnreachable() {
		this.threads.start("child-orphan", Thread.State.WAITING, () -> new CompletableFuture<String>().get());
		ReachabilityVerdict verdict = ReachabilityAnalyzer.inChildJvm(HEAP, Duration.ofMinutes(5))
			.analyze(LeakyThreads.group("child-orphan"));
		assertThat(verdict.verdict()).as(verdict.explanation()).isEqualTo(Verdict.UNREACHABLE);
		assertThat(verdict.blockerClass()).isEqualTo("java.util.concurrent.CompletableFuture$Signaller");
		assertThat(verdict.heapDumpBytes()).isPositive();
		assertThat(verdict.dumpMillis()).isPositive();
	}

	@Test
	void theChildSendsBackTheWholePathOfAReachableBlocker() {
		this.threads.start("child-pending", Thread.State.WAITING, () -> PendingReplies.await(7));
		ReachabilityVerdict verdict = ReachabilityAnalyzer.inChildJvm(HEAP, Duration.ofMinutes(5))
			.analyze(LeakyThreads.group("child-pending"));
		assertThat(verdict.verdict()).isEqualTo(Verdict.REACHABLE);
		assertThat(verdict.path().get(0))
			.isEqualTo(new PathStep("static field " + PendingReplies.class.getName() + ".REPLIES",
					"java.util.concurrent.ConcurrentHashMap"));
		assertThat(verdict.explanation()).contains("could still wake them");
	}

	@Test
	void aChildPastItsTimeoutIsKilledAndTheDumpDeleted() {
		this.threads.start("child-slow", Thread.State.WAITING, () -> new CompletableFuture<String>().get());
		GroupDetail group = LeakyThreads.group("child-slow");
		AtomicReference<Path> dumped = new AtomicReference<>();
		ReachabilityAnalyzer analyzer = new ReachabilityAnalyzer(dumping(dumped),
				new ChildJvm(HEAP, Duration.ofMillis(1)));
		assertThatExceptionOfType(AnalysisLimitException.class).isThrownBy(() -> analyzer.analyze(group))
			.withMessageContaining("longer than its timeout of PT0.001S")
			.satisfies((ex) -> assertThat(ex.limit()).isEqualTo(AnalysisLimitException.Limit.TIME));
		assertThat(dumped.get().getParent()).doesNotExist();
	}

	@Test
	void aChildOutOfHeapIsStoppedWithTheLimitNamed() {
		this.threads.start("child-big", Thread.State.WAITING, () -> new CompletableFuture<String>().get());
		GroupDetail group = LeakyThreads.group("child-big");
		// Five million small object arrays: more than the analysis's tables of them (some
		// 20 bytes an object) fit in 64 MB. Primitive arrays would not do: they are not
		// indexed.
		List<Object> ballast = new ArrayList<>();
		for (int i = 0; i < 5_000_000; i++) {
			ballast.add(new Object[1]);
		}
		AtomicReference<Path> dumped = new AtomicReference<>();
		ReachabilityAnalyzer analyzer = new ReachabilityAnalyzer(dumping(dumped),
				new ChildJvm(ChildJvm.MIN_HEAP_BYTES, Duration.ofMinutes(5)));
		assertThatExceptionOfType(AnalysisLimitException.class).isThrownBy(() -> analyzer.analyze(group))
			.withMessageContaining("more than its maximum heap of 64 MB")
			.satisfies((ex) -> assertThat(ex.limit()).isEqualTo(AnalysisLimitException.Limit.HEAP));
		assertThat(dumped.get().getParent()).doesNotExist();
		assertThat(ballast).hasSize(5_000_000);
	}

	@Test
	void theDumpLiesInADirectoryOnlyThisUserCanRead() {
		assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
		this.threads.start("child-secret", Thread.State.WAITING, () -> new CompletableFuture<String>().get());
		AtomicReference<Set<PosixFilePermission>> directory = new AtomicReference<>();
		AtomicReference<Set<PosixFilePermission>> file = new AtomicReference<>();
		ReachabilityAnalyzer analyzer = new ReachabilityAnalyzer((dump) -> {
			HeapDumper.hotSpot().dump(dump);
			directory.set(Files.getPosixFilePermissions(dump.getParent()));
			file.set(Files.getPosixFilePermissions(dump));
		}, new ChildJvm(HEAP, Duration.ofMinutes(5)));
		analyzer.analyze(LeakyThreads.group("child-secret"));
		assertThat(directory.get()).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
		assertThat(file.get()).allMatch((permission) -> permission.name().startsWith("OWNER_"));
	}

	@Test
	void limitsOutOfRangeAreRefusedWithTheValue() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReachabilityAnalyzer.inChildJvm(32L << 20, Duration.ofMinutes(1)))
			.withMessage("The analysis JVM's maximum heap must be at least 64 MB, not 32 MB (33554432 bytes)");
		assertThatIllegalArgumentException().isThrownBy(() -> ReachabilityAnalyzer.inChildJvm(HEAP, Duration.ZERO))
			.withMessage("The analysis JVM's timeout must be positive, not PT0S");
	}

	private static HeapDumper dumping(AtomicReference<Path> dumped) {
		return (file) -> {
			HeapDumper.hotSpot().dump(file);
			dumped.set(file);
		};
	}

}
