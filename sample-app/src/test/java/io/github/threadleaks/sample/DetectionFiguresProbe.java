package io.github.threadleaks.sample;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.threadleaks.core.JvmThreadSource;
import io.github.threadleaks.core.ManualClock;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.ThreadLeakReport;
import io.github.threadleaks.core.ThreadLeaksSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A measurement, not a test (it asserts nothing and runs only with
 * {@code -Ddetection.figures=true}): for every leak pattern and benign workload of the
 * sample app, driven over HTTP one call per sample, on how many samples the detection
 * rule before issue 15 (still since the previous sample, no CPU at all) and the rule now
 * (still for 3 samples in a row, under 1% CPU) first suspect it, and how many samples of
 * a benign workload raise a suspect. Both judge the same threads at the same moments, on
 * a clock that moves the app's one second per sample; for the clients' event loops, which
 * wake on timers, a real second passes between samples too.
 */
@EnabledIfSystemProperty(named = "detection.figures", matches = "true")
class DetectionFiguresProbe extends SampleAppTestSupport {

	private static final int STEPS = 10;

	private static final List<String> LEAKS = List.of("forgotten-sender", "abandoned-receiver",
			"future-never-completed", "lock-never-unlocked", "monitor-held-forever", "latch-never-reaches-zero",
			"call-without-timeout", "sender-after-caller-gave-up", "executor-per-request",
			"netty-event-loop-per-request", "apache-async-client-per-request", "jdk-http-client-per-request");

	private static final List<String> WORKLOADS = List.of("burst-pool?size=20", "thread-per-task?size=20",
			"bursty-cached-pool?size=10", "stable-pool?size=50", "growing-pool?size=3", "churning-threads?size=20",
			"slow-task-burst?size=4");

	@Test
	void printDetectionFigures() {
		List<String> lines = new ArrayList<>();
		lines.add(String.format("%-34s %12s %12s", "pattern (1 request per sample)", "before", "now"));
		for (String leak : LEAKS) {
			int[] first = run("/leaks/" + leak + "?requests=1");
			lines.add(String.format("%-34s %12s %12s", leak, firstText(first[0]), firstText(first[1])));
		}
		lines.add(String.format("%-34s %12s %12s", "workload (1 call per sample)", "false alarms", "false alarms"));
		for (String workload : WORKLOADS) {
			int[] alarms = run("/workloads/" + workload);
			lines.add(String.format("%-34s %9d/%-2d %9d/%-2d", workload.split("\\?")[0], alarms[2], STEPS, alarms[3],
					STEPS));
		}
		System.out.println("DETECTION FIGURES (window 5, min-growth 3, 1 s per sample)\n" + String.join("\n", lines));
	}

	/**
	 * Calls the path once per sample; returns the first suspected sample of the old and
	 * new rule (0: never) and the samples with any suspect under each.
	 */
	private int[] run(String path) {
		ManualClock clock = new ManualClock();
		ThreadLeakMonitor before = monitor(clock, ThreadLeaksSettings.builder().minStillSamples(1).maxStillCpuShare(0));
		ThreadLeakMonitor now = monitor(clock, ThreadLeaksSettings.builder());
		before.sample();
		now.sample();
		int[] figures = new int[4];
		// Clients' event loops wake on timers: for them, a real second between samples,
		// as in the app.
		boolean realSeconds = path.contains("-client-per-request") || path.contains("netty-");
		for (int step = 1; step <= STEPS; step++) {
			if (realSeconds) {
				pause();
			}
			app.post(path);
			clock.advance(Duration.ofSeconds(1));
			ThreadLeakReport old = before.sample();
			ThreadLeakReport current = now.sample();
			// The app's own sample too: the slow-task burst counts its tasks' length in
			// the app's samples.
			app.sample();
			if (!old.suspects().isEmpty()) {
				figures[2]++;
				figures[0] = (figures[0] == 0) ? step : figures[0];
			}
			if (!current.suspects().isEmpty()) {
				figures[3]++;
				figures[1] = (figures[1] == 0) ? step : figures[1];
			}
		}
		app.reset();
		return figures;
	}

	private static void pause() {
		try {
			Thread.sleep(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static ThreadLeakMonitor monitor(Clock clock, ThreadLeaksSettings.Builder builder) {
		return new ThreadLeakMonitor(builder.window(SampleAppTest.WINDOW)
			.minGrowth(SampleAppTest.MIN_GROWTH)
			.ignoredThreadNames(Arrays.asList(SampleAppTest.TEST_CLIENT_THREADS.split(",")))
			.build(), new JvmThreadSource(), clock);
	}

	private static String firstText(int sample) {
		return (sample == 0) ? "never" : "sample " + sample;
	}

}
