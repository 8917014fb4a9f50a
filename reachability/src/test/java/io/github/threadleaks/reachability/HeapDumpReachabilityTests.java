package io.github.threadleaks.reachability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verdicts from a heap dump alone, the candidates read from the dump's own thread status
 * fields and park blockers: real threads blocked in real JDK primitives, a real heap dump
 * of this JVM.
 */
class HeapDumpReachabilityTests {

	private static final String SIGNALLER = "java.util.concurrent.CompletableFuture$Signaller";

	private final LeakyThreads threads = new LeakyThreads();

	@TempDir
	Path dir;

	@AfterEach
	void release() throws InterruptedException {
		this.threads.release();
		PendingReplies.REPLIES.values().forEach((reply) -> reply.complete("released"));
		PendingReplies.REPLIES.clear();
	}

	@Test
	void eachGroupOfBlockedThreadsGetsItsVerdictFromTheDumpAlone() throws Exception {
		for (int i = 0; i < 2; i++) {
			this.threads.start("orphan", Thread.State.WAITING, () -> new CompletableFuture<String>().get());
			int key = i;
			this.threads.start("pending", Thread.State.WAITING, () -> PendingReplies.await(key));
			this.threads.start("monitor", Thread.State.WAITING, () -> {
				synchronized (PendingReplies.MONITOR) {
					PendingReplies.MONITOR.wait();
				}
			});
			this.threads.start("sleeper", Thread.State.TIMED_WAITING, () -> Thread.sleep(60_000));
		}
		Path file = this.dir.resolve("heap.hprof");
		HeapDumper.hotSpot().dump(file);
		assertThat(HeapDumpReachability.isHprof(file)).isTrue();

		List<ReachabilityVerdict> verdicts = HeapDumpReachability.analyze(file);

		ReachabilityVerdict orphans = group(verdicts, "reachability-test-orphan-# (" + SIGNALLER + ")");
		assertThat(orphans.verdict()).as(orphans.pathText()).isEqualTo(Verdict.UNREACHABLE);
		assertThat(orphans.threads()).isEqualTo(2);
		assertThat(orphans.blockerClass()).isEqualTo(SIGNALLER);
		assertThat(orphans.heapDumpBytes()).isEqualTo(Files.size(file));
		ReachabilityVerdict pending = group(verdicts, "reachability-test-pending-# (" + SIGNALLER + ")");
		assertThat(pending.verdict()).isEqualTo(Verdict.REACHABLE);
		assertThat(pending.path().get(0))
			.isEqualTo(new PathStep("static field " + PendingReplies.class.getName() + ".REPLIES",
					"java.util.concurrent.ConcurrentHashMap"));
		ReachabilityVerdict monitor = group(verdicts, "reachability-test-monitor-# (no park blocker)");
		assertThat(monitor.verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
		assertThat(monitor.threads()).isEqualTo(2);
		assertThat(verdicts).noneMatch((verdict) -> verdict.group().contains("sleeper"));
		assertThat(verdicts.get(0).verdict()).isEqualTo(Verdict.UNREACHABLE);
	}

	@Test
	void aFileThatIsNotAHeapDumpIsToldApart() throws Exception {
		Path notes = Files.writeString(this.dir.resolve("notes.hprof"), "JAVA PROFILE");
		assertThat(HeapDumpReachability.isHprof(notes)).isFalse();
	}

	private static ReachabilityVerdict group(List<ReachabilityVerdict> verdicts, String group) {
		return verdicts.stream()
			.filter((verdict) -> verdict.group().equals(group))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no group " + group + " in " + verdicts));
	}

}
