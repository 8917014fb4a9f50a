package io.github.threadleaks.benchmarks;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import io.github.threadleaks.junit.VerifyNoThreadLeaks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stop-the-world probe: its log parser on real log lines, and one tiny real run of
 * every operation.
 */
@VerifyNoThreadLeaks
class SafepointCostTests {

	/**
	 * Lines as JDK 17 and JDK 25 write them with
	 * {@code -Xlog:safepoint=info:file=...:uptimemillis}.
	 */
	private static final List<String> LOG = List.of(
			"[489ms] Safepoint \"ThreadDump\", Time since last: 246939705 ns, Reaching safepoint: 7674 ns, "
					+ "Cleanup: 173008 ns, At safepoint: 523371 ns, Total: 704053 ns",
			"[514ms] Safepoint \"G1CollectForAllocation\", Time since last: 24328125 ns, Reaching safepoint: 6873 ns, "
					+ "At safepoint: 427670 ns, Total: 497422 ns",
			"[655ms] Safepoint \"ThreadDump\", Time since last: 270848425 ns, Reaching safepoint: 4498 ns, "
					+ "At safepoint: 558297 ns, Leaving safepoint: 4079 ns, Total: 566874 ns, Threads: 0 runnable, 10 total",
			"[655ms] Handshake \"HandshakeForDeflation\", Targeted threads: 10, Executed by requesting thread: 10, "
					+ "Total completion time: 9247 ns",
			"[700ms] Safepoint \"ThreadDump\", Time since last: 1 ns, Reaching safepoint: 1 ns, At safepoint: 1 ns, "
					+ "Total: 1000 ns");

	@Test
	void sumsTheSafepointsInTheWindowPerVmOperation() {
		SafepointLog log = SafepointLog.of(LOG, 489, 655);

		assertThat(log.all().count()).isEqualTo(3);
		assertThat(log.all().totalNanos()).isEqualTo(704053 + 497422 + 566874);
		assertThat(log.all().longestNanos()).isEqualTo(704053);
		assertThat(log.byOperation()).containsOnlyKeys("ThreadDump", "G1CollectForAllocation");
		assertThat(log.byOperation().get("ThreadDump").count()).isEqualTo(2);
		assertThat(log.ownPauses().count()).isEqualTo(2);
		assertThat(log.ownPauses().totalNanos()).isEqualTo(704053 + 566874);
		assertThat(log.collections().count()).isEqualTo(1);
		assertThat(log.collections().longestNanos()).isEqualTo(497422);
	}

	@Test
	void leavesOutSafepointsOutsideTheWindow() {
		assertThat(SafepointLog.of(LOG, 490, 654).all().count()).isEqualTo(1);
		assertThat(SafepointLog.of(LOG, 701, 800).all().count()).isZero();
	}

	@Test
	void measuresEveryOperationInAJvmOfItsOwn() throws IOException, InterruptedException {
		int runs = 2;
		for (SamplingOperation operation : SamplingOperation.values()) {
			SafepointCost.Measured measured = SafepointCost.measure(operation, 100, runs);

			assertThat(measured.medianMillis()).as(operation.name()).isPositive();
			assertThat(SafepointCost.row(operation, measured, runs))
				.startsWith("| " + operation.name().toLowerCase(Locale.ROOT) + " |");
			if (operation == SamplingOperation.THREAD_DUMP) {
				// Each dump is one safepoint of its own: the window caught them all.
				assertThat(measured.safepoints().byOperation().get("ThreadDump").count()).isGreaterThanOrEqualTo(runs);
			}
		}
	}

}
