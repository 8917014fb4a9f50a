package io.github.threadleaks.sample;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import io.github.threadleaks.core.BlockedThreads;
import io.github.threadleaks.core.JvmThreadSource;
import io.github.threadleaks.core.LeakCorpus;
import io.github.threadleaks.core.ManualClock;
import io.github.threadleaks.core.StackGroupReport;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.ThreadLeaksSettings;
import io.github.threadleaks.core.ThreadNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A measurement, not a test (it asserts nothing and runs only with
 * {@code -Ddetection.figures=true} and {@code -Ddetection.baseline=<core jar>}): the
 * engine at a baseline commit (its core jar, loaded apart: {@link BaselineMonitor}) and
 * the engine now judge the same threads at the same moments, on a clock that moves one
 * interval per sample. For every leak pattern and benign workload of the sample app,
 * driven over HTTP one call per sample, and for every kernel of the leak corpus, one
 * request per sample, it prints the sample at which each first suspects the leak and how
 * many samples of a benign workload or fixed twin raise a suspect. Leaks whose threads
 * keep waking, and their right use, run for the longest horizon, one call every 50
 * samples, with 100 ms of real time between samples so that the threads do wake.
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

	private static final List<String> WAKING = List.of("/leaks/scheduled-executor-per-request?requests=1",
			"/leaks/wheel-timer-per-request?requests=1", "/workloads/shared-scheduler?size=2",
			"/workloads/shared-wheel-timer?size=2");

	/** The longest horizon at the app's test window: 5 points of 100 samples. */
	private static final int WAKING_SAMPLES = 500;

	/** The app's tests keep the default share of rising steps. */
	private static final double APP_RISE_SHARE = 0.25;

	private static final int CORPUS_SAMPLES = 8;

	private static final int FIX_AFTER_SAMPLES = 4;

	private final Path baseline = Path.of(System.getProperty("detection.baseline", "baseline-core.jar"));

	@Test
	void printDetectionFigures() throws Exception {
		List<String> lines = new ArrayList<>();
		lines.add(row("sample app, 1 call per sample", "before", "now"));
		for (String leak : LEAKS) {
			int[] figures = runApp("/leaks/" + leak + "?requests=1", STEPS, 1, realSeconds(leak) ? 1000 : 0);
			lines.add(row(leak, first(figures[0]), first(figures[1])));
		}
		for (String workload : WORKLOADS) {
			int[] figures = runApp("/workloads/" + workload, STEPS, 1, 0);
			lines.add(row(workload.split("\\?")[0], alarms(figures[2], STEPS), alarms(figures[3], STEPS)));
		}
		lines.add(row("waking, 1 call per 50 samples", "before", "now"));
		for (String path : WAKING) {
			int[] figures = runApp(path, WAKING_SAMPLES, 50, 100);
			String name = path.substring(path.lastIndexOf('/') + 1, path.indexOf('?'));
			lines.add(path.startsWith("/leaks/") ? row(name, first(figures[0]), first(figures[1]))
					: row(name, alarms(figures[2], WAKING_SAMPLES), alarms(figures[3], WAKING_SAMPLES)));
		}
		lines.add(row("corpus, 1 request per sample", "before", "now"));
		for (LeakCorpus.Kernel kernel : LeakCorpus.KERNELS) {
			int[] bug = runKernel(kernel, false);
			int[] twin = runKernel(kernel, true);
			lines.add(row(kernel.name() + " bug", first(bug[0]), first(bug[1])));
			lines.add(row(kernel.name() + " fix", alarms(twin[2], CORPUS_SAMPLES + FIX_AFTER_SAMPLES),
					alarms(twin[3], CORPUS_SAMPLES + FIX_AFTER_SAMPLES)));
		}
		System.out
			.println("DETECTION FIGURES (before: " + this.baseline.getFileName() + ")\n" + String.join("\n", lines));
	}

	/**
	 * Calls the path every {@code every} samples, for {@code samples} samples at the
	 * app's test window, pausing {@code pauseMillis} of real time before each; returns
	 * the first suspected sample before and now (0: never) and the samples with any
	 * suspect under each.
	 */
	private int[] runApp(String path, int samples, int every, long pauseMillis) {
		ManualClock clock = new ManualClock();
		List<String> ignored = Arrays.asList(SampleAppTest.TEST_CLIENT_THREADS.split(","));
		BaselineMonitor before = BaselineMonitor.of(this.baseline, clock, SampleAppTest.WINDOW,
				SampleAppTest.MIN_GROWTH, APP_RISE_SHARE, ignored);
		ThreadLeakMonitor now = monitor(clock, SampleAppTest.WINDOW, SampleAppTest.MIN_GROWTH, APP_RISE_SHARE, ignored);
		before.sampleSuspects();
		now.sample();
		int[] figures = new int[4];
		for (int sample = 1; sample <= samples; sample++) {
			pause(pauseMillis);
			if ((sample - 1) % every == 0) {
				app.post(path);
			}
			clock.advance(Duration.ofSeconds(1));
			count(figures, sample, !before.sampleSuspects().isEmpty(), !now.sample().suspects().isEmpty());
			// The app's own sample too: the slow-task burst counts its tasks' length in
			// the app's samples.
			app.sample();
		}
		app.reset();
		return figures;
	}

	/**
	 * Runs one request of the kernel per sample for {@value #CORPUS_SAMPLES} samples at
	 * core's test window (8 samples of 10 s, min-growth 4, rises on half the steps),
	 * applying each fix {@value #FIX_AFTER_SAMPLES} samples late for the twin; counts the
	 * suspects named like the kernel's threads.
	 */
	private int[] runKernel(LeakCorpus.Kernel kernel, boolean fixed) throws Exception {
		ManualClock clock = new ManualClock();
		BaselineMonitor before = BaselineMonitor.of(this.baseline, clock, 8, 4, 0.5, List.of());
		ThreadLeakMonitor now = monitor(clock, 8, 4, 0.5, List.of());
		String prefix = ThreadNames.normalize("threadleaks-test-" + kernel.name());
		Predicate<String> kernels = (name) -> name.startsWith(prefix);
		int[] figures = new int[4];
		List<LeakCorpus.Fix> pending = new ArrayList<>();
		try (BlockedThreads threads = new BlockedThreads()) {
			for (int sample = 1; sample <= CORPUS_SAMPLES + (fixed ? FIX_AFTER_SAMPLES : 0); sample++) {
				if (sample <= CORPUS_SAMPLES) {
					pending.add(kernel.request().send(threads));
				}
				if (fixed && sample > FIX_AFTER_SAMPLES) {
					pending.remove(0).apply();
					// As core's tests do: the fixed requests' threads have ended when the
					// sample is taken.
					List<Thread> started = threads.started(kernel.name());
					int requests = Math.min(sample, CORPUS_SAMPLES);
					BlockedThreads
						.awaitEnded(started.subList(0, (requests - pending.size()) * (started.size() / requests)));
				}
				clock.advance(Duration.ofSeconds(10));
				count(figures, sample, before.sampleSuspects().stream().anyMatch(kernels),
						now.sample().suspects().stream().map(StackGroupReport::name).anyMatch(kernels));
			}
		}
		return figures;
	}

	private static void count(int[] figures, int sample, boolean before, boolean now) {
		if (before) {
			figures[2]++;
			figures[0] = (figures[0] == 0) ? sample : figures[0];
		}
		if (now) {
			figures[3]++;
			figures[1] = (figures[1] == 0) ? sample : figures[1];
		}
	}

	/** Clients' event loops wake on timers: for them, a real second between samples. */
	private static boolean realSeconds(String leak) {
		return leak.contains("-client-per-request") || leak.contains("netty-");
	}

	private static void pause(long millis) {
		if (millis == 0) {
			return;
		}
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static ThreadLeakMonitor monitor(Clock clock, int window, int minGrowth, double minRiseShare,
			List<String> ignored) {
		return new ThreadLeakMonitor(ThreadLeaksSettings.builder()
			.window(window)
			.minGrowth(minGrowth)
			.minRiseShare(minRiseShare)
			.ignoredThreadNames(ignored)
			.build(), new JvmThreadSource(), clock);
	}

	private static String row(String what, String before, String now) {
		return String.format("%-36s %14s %14s", what, before, now);
	}

	private static String first(int sample) {
		return (sample == 0) ? "never" : "sample " + sample;
	}

	private static String alarms(int samples, int of) {
		return samples + " of " + of;
	}

}
