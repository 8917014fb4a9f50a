package io.github.threadleaks.autoconfigure;

import java.util.List;

import io.github.threadleaks.core.CreationSite;
import io.github.threadleaks.core.GroupExplanation;
import io.github.threadleaks.core.StackGroupReport;
import io.github.threadleaks.core.ThreadLeakReport;
import io.github.threadleaks.junit.VerifyNoThreadLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** One line per verdict, none per sample. */
@ExtendWith(OutputCaptureExtension.class)
@VerifyNoThreadLeaks
class ThreadLeakLoggerTests {

	private final ThreadLeakLogger logger = new ThreadLeakLogger();

	@Test
	void warnsOnceWhenAGroupBecomesSuspected(CapturedOutput output) {
		this.logger.suspected(group(true));
		assertThat(output.getAll().lines().filter((line) -> line.contains("Thread leak"))).singleElement()
			.satisfies((line) -> assertThat(line).contains("WARN", "abc123def456", "\"leak-#\"", "12 threads",
					"growth 8",
					"blocked at java.util.concurrent.SynchronousQueue.put(SynchronousQueue.java:1) from "
							+ "com.example.Search.fanOut(Search.java:7), created by com.example.Search.startReplicas(line 3) "
							+ "(10 of 12 threads)",
					"12 threads WAITING, oldest stuck 50s"));
	}

	@Test
	void infoWhenAGroupClears(CapturedOutput output) {
		this.logger.cleared(group(false));
		assertThat(output.getAll().lines().filter((line) -> line.contains("Thread leak"))).singleElement()
			.satisfies((line) -> assertThat(line).contains("INFO", "cleared", "abc123def456", "\"leak-#\""));
	}

	@Test
	void nothingPerSample(CapturedOutput output) {
		this.logger.sampled(ThreadLeakReport.empty());
		this.logger.sampled(ThreadLeakReport.empty());
		assertThat(output.getAll()).doesNotContain("Thread leak");
	}

	@Test
	void warnsOnceWhileSamplingKeepsFailing(CapturedOutput output) {
		this.logger.sampleFailed(new IllegalStateException("first"));
		this.logger.sampleFailed(new IllegalStateException("second"));
		assertThat(output.getAll()).containsOnlyOnce("Thread leak sampling failed").doesNotContain("second");
		this.logger.sampled(ThreadLeakReport.empty());
		this.logger.sampleFailed(new IllegalStateException("third"));
		assertThat(output.getAll()).contains("third");
	}

	private static StackGroupReport group(boolean suspected) {
		return new StackGroupReport("abc123def456", "leak-#", Thread.State.WAITING, 12, 8, suspected,
				List.of("jdk.internal.misc.Unsafe.park(Native Method)",
						"java.util.concurrent.SynchronousQueue.put(SynchronousQueue.java:1)",
						"com.example.Search.fanOut(Search.java:7)"),
				List.of(4, 8, 12), 12, 50_000, 0, null, null, 0, new GroupExplanation(12, "WAITING, oldest stuck 50s"),
				List.of(new CreationSite("com.example.Search.startReplicas(line 3)",
						List.of("com.example.Search.startReplicas(line 3)"), 10),
						new CreationSite("(created before monitoring started)", List.of(), 2)),
				false, null);
	}

}
