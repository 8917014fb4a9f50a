package io.github.threadleaks.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reachability HEAP.hprof} on real heap dumps of a forked JVM: threads waiting on
 * futures nobody else holds can never wake (exit 1), futures kept in a static map can
 * (exit 0, the field named), and bad files give exit 2.
 */
class ReachabilityTests {

	@TempDir
	static Path dir;

	/** Three threads wait on futures only their own stacks hold. */
	static Path orphans;

	/** Three threads wait on futures kept in {@code LeakingService.PENDING}. */
	static Path pending;

	@BeforeAll
	static void dumpTheHeaps() throws Exception {
		orphans = dir.resolve("orphans.hprof");
		pending = dir.resolve("pending.hprof");
		try (ForkedJvm jvm = ForkedJvm.start()) {
			jvm.send("orphan 3");
			jvm.send("heap-dump " + orphans);
		}
		try (ForkedJvm jvm = ForkedJvm.start()) {
			jvm.send("pending 3");
			jvm.send("heap-dump " + pending);
		}
	}

	@Test
	void futuresOnlyTheWaitersHoldAreUnreachable() {
		CliRun run = CliRun.of("reachability", orphans.toString());
		assertThat(run.err()).isEmpty();
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.out())
			.startsWith("UNREACHABLE 3 threads orphan-# (java.util.concurrent.CompletableFuture$Signaller)\n"
					+ "  Nothing outside the blocked threads reaches the java.util.concurrent.CompletableFuture$Signaller"
					+ " that 3 threads wait on: nothing can ever wake them.\n");
	}

	@Test
	void futuresInAStaticMapAreReachableThroughTheField() {
		CliRun run = CliRun.of("reachability", pending.toString());
		assertThat(run.err()).isEmpty();
		assertThat(run.out()).doesNotContain("UNREACHABLE")
			.contains("REACHABLE 3 threads pending-# (java.util.concurrent.CompletableFuture$Signaller)\n")
			.contains("is reachable from static field io.github.threadleaks.cli.LeakingService.PENDING")
			.contains("    static field io.github.threadleaks.cli.LeakingService.PENDING → "
					+ "java.util.concurrent.ConcurrentHashMap\n");
		assertThat(run.exitCode()).isEqualTo(0);
	}

	@Test
	void jsonCarriesEachGroupsVerdictAndPath() {
		CliRun run = CliRun.of("reachability", "--format", "json", pending.toString());
		assertThat(run.exitCode()).isEqualTo(0);
		assertThat(run.out()).startsWith("{\"file\":\"" + pending + "\",\"groups\":[")
			.contains("{\"group\":\"pending-# (java.util.concurrent.CompletableFuture$Signaller)\","
					+ "\"verdict\":\"REACHABLE\","
					+ "\"blockerClass\":\"java.util.concurrent.CompletableFuture$Signaller\",\"threads\":3,\"path\":"
					+ "[{\"reference\":\"static field io.github.threadleaks.cli.LeakingService.PENDING\","
					+ "\"target\":\"java.util.concurrent.ConcurrentHashMap\"}");
	}

	@Test
	void aMissingFileIsNamed() {
		Path missing = dir.resolve("no-such-heap.hprof");
		CliRun run = CliRun.of("reachability", missing.toString());
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).isEqualTo("threadleaks: " + missing + ": no such file\n");
		assertThat(run.out()).isEmpty();
	}

	@Test
	void aFileThatIsNotAHeapDumpIsNamed() throws Exception {
		Path notes = Files.writeString(dir.resolve("notes.hprof"), "not a heap dump\n");
		CliRun run = CliRun.of("reachability", notes.toString());
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err())
			.isEqualTo("threadleaks: " + notes + ": not an HPROF heap dump (no 'JAVA PROFILE 1.0' header)\n");
	}

	@Test
	void aTruncatedHeapDumpIsNamed() throws Exception {
		byte[] whole = Files.readAllBytes(orphans);
		Path truncated = Files.write(dir.resolve("truncated.hprof"), Arrays.copyOf(whole, whole.length / 2));
		CliRun run = CliRun.of("reachability", truncated.toString());
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).isEqualTo(
				"threadleaks: " + truncated + ": truncated heap dump: the file ends in the middle of a record\n");
		assertThat(run.out()).isEmpty();
	}

}
