package io.github.threadleaks.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code analyze} on real {@code jcmd Thread.print} text of a forked JVM, made on the JDK
 * that runs the tests (17 or 25): a leak series exits 1 naming the blocking code, a pool
 * that grows and shrinks exits 0.
 */
class TextDumpAnalysisTests {

	@TempDir
	Path dir;

	@Test
	void aLeakInOneFileOfManyDumpsIsSuspectedAndNamed() throws Exception {
		Path series = ForkedJvm.leakSeries(this.dir.resolve("series.txt"), 6);
		CliRun run = CliRun.of("analyze", series.toString());
		assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
		assertThat(run.out()).startsWith("LEAK_SUSPECTED: 1 of ")
			.contains("SUSPECTED 12 threads \"replica-#\" WAITING")
			.contains("history: 2 4 6 8 10 12")
			.contains("blocked at: java.util.concurrent.SynchronousQueue.put(")
			.contains("from io.github.threadleaks.cli.LeakingService.sendToNobody(LeakingService.java:")
			.contains("grew from 2 to 12 threads over 6 points");
		assertThat(run.err()).isEmpty();
	}

	@Test
	void aPoolThatGrowsAndShrinksIsNotSuspected() throws Exception {
		Path series = this.dir.resolve("pool.txt");
		try (ForkedJvm jvm = ForkedJvm.start()) {
			for (String step : List.of("burst 4", "burst 4", "burst 4", "release", "burst 4", "burst 4", "burst 4")) {
				jvm.send(step);
				jvm.threadPrintTo(series);
			}
		}
		CliRun run = CliRun.of("analyze", series.toString());
		assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
		assertThat(run.out()).startsWith("OK: 0 of ")
			.contains("\"worker-#\" WAITING")
			.contains("history: 4 8 12 0 4 8 12");
	}

	@Test
	void dumpsInManyFilesAreJudgedInTheOrderOfTheirTimestamps() throws Exception {
		List<String> files = new ArrayList<>();
		try (ForkedJvm jvm = ForkedJvm.start()) {
			for (int dump = 0; dump < 5; dump++) {
				jvm.send("leak 2");
				Path file = this.dir.resolve("dump-" + dump + ".txt");
				jvm.threadPrintTo(file);
				files.add(0, file.toString());
				ForkedJvm.awaitNextSecond(System.currentTimeMillis() / 1000);
			}
		}
		// Newest first on the command line: read in that order, the count would fall at
		// every step.
		List<String> args = new ArrayList<>(List.of("analyze", "--format", "json"));
		args.addAll(files);
		CliRun run = CliRun.of(args.toArray(String[]::new));
		assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
		assertThat(run.out()).startsWith("{\"status\":\"LEAK_SUSPECTED\"")
			.contains("\"name\":\"replica-#\",\"state\":\"WAITING\",\"count\":10,\"growth\":8,\"suspected\":true")
			.contains("\"history\":[2,4,6,8,10]")
			.contains("\"blockedAt\":\"java.util.concurrent.SynchronousQueue.put(");
	}

	@Test
	void aMountedVirtualThreadIsReadApartFromItsCarrier() throws Exception {
		assumeTrue(Runtime.version().feature() >= 25, "the mounted virtual thread's own lines are JDK 25's");
		Path series = this.dir.resolve("virtual.txt");
		try (ForkedJvm jvm = ForkedJvm.start()) {
			jvm.send("spin-virtual");
			for (int dump = 0; dump < 3; dump++) {
				// One more thread each time: three dumps of one second with the same
				// threads would count once, as duplicates.
				jvm.send("leak 1");
				jvm.threadPrintTo(series);
			}
		}
		assertThat(Files.readString(series)).contains("Mounted virtual thread #");
		CliRun run = CliRun.of("analyze", series.toString());
		assertThat(run.exitCode()).as(run.err()).isZero();
		String virtual = run.out().substring(run.out().indexOf("\"(virtual thread)\" RUNNABLE"));
		assertThat(virtual.substring(0, virtual.indexOf("\n\n"))).contains("history: 1 1 1")
			.contains("io.github.threadleaks.cli.LeakingService.spin(LeakingService.java:");
		String carrier = run.out().substring(run.out().indexOf("\"ForkJoinPool-#-worker-#\" RUNNABLE"));
		assertThat(carrier.substring(0, carrier.indexOf("\n\n"))).doesNotContain("LeakingService");
	}

	@Test
	void ruleSettingsOverrideTheDefaults() throws Exception {
		Path series = this.dir.resolve("series.txt");
		try (ForkedJvm jvm = ForkedJvm.start()) {
			// Five dumps: at the last, two members are old enough to be judged.
			for (int dump = 0; dump < 5; dump++) {
				jvm.send("leak 1");
				jvm.threadPrintTo(series);
			}
		}
		// Growth 4 is below the default 5; with --min-growth 3 it is enough.
		assertThat(CliRun.of("analyze", series.toString()).exitCode()).isZero();
		CliRun run = CliRun.of("analyze", "--min-growth", "3", "--interval", "10s", series.toString());
		assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
		assertThat(run.out()).contains("grew from 1 to 5 threads over 5 points of 10s");
		assertThat(Files.readString(series)).contains("Full thread dump");
	}

}
