package io.github.threadleaks.benchmarks;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.threadleaks.core.JvmThreadSource;
import io.github.threadleaks.core.StackGroupReport;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.ThreadLeakReport;
import io.github.threadleaks.core.ThreadLeaksSettings;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;

/**
 * False alarms on a real Tomcat worker pool under a slow ramp of HTTP clients: an
 * embedded Tomcat on loopback whose requests each wait a few milliseconds (a database
 * call), driven by a {@link RampingLoad}, and two monitors in the same JVM sampling it in
 * real time, one every 500 ms with window 10 and min-growth 6 (what a user sets to see a
 * leak within seconds), one at the defaults. Prints, per monitor, on how many samples a
 * group was suspected and which, and how far the pool grew. Asserts nothing. Usage:
 * {@code TomcatPoolRamp [plan]}, the plan as in {@link RampingLoad.Plan#parse(String)},
 * by default {@code 3,40,5,2,10,10} (three waves up to 40 clients and down, 156 s).
 */
public final class TomcatPoolRamp {

	private static final Duration REQUEST_WAIT = Duration.ofMillis(10);

	private TomcatPoolRamp() {
	}

	public static void main(String[] args) throws Exception {
		RampingLoad.Plan plan = RampingLoad.Plan.parse((args.length > 0) ? args[0] : "3,40,5,2,10,10");
		List<String> ignored = List.of(RampingLoad.CLIENT_THREAD_NAMES, "Keep-Alive-Timer", "ramp-sampler");
		ThreadLeaksSettings fast = ThreadLeaksSettings.builder()
			.sampleInterval(Duration.ofMillis(500))
			.window(10)
			.minGrowth(6)
			.ignoredThreadNames(ignored)
			.build();
		ThreadLeaksSettings defaults = ThreadLeaksSettings.builder().ignoredThreadNames(ignored).build();
		Tomcat tomcat = start();
		ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "ramp-sampler");
			thread.setDaemon(true);
			return thread;
		});
		try {
			URI base = URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/");
			System.out.printf(Locale.ROOT, "Tomcat worker pool under %s, JDK %s; load average at start: %s%n", plan,
					System.getProperty("java.version"), RampingLoadTrial.loadAverage());
			Verdicts fastVerdicts = sample(sampler, fast);
			Verdicts defaultVerdicts = sample(sampler, defaults);
			RampingLoad load = new RampingLoad(base, List.of("/"), plan);
			load.run((second) -> {
			});
			sampler.shutdown();
			sampler.awaitTermination(1, TimeUnit.MINUTES);
			System.out.printf(Locale.ROOT, "requests: %d (%d failed); load average at end: %s%n%n", load.requests(),
					load.failures(), RampingLoadTrial.loadAverage());
			System.out.println(
					"| settings | samples | samples with a suspect | largest pool (http-nio threads) | suspects |");
			System.out.println("|---|---|---|---|---|");
			System.out.println(fastVerdicts.row("500 ms, window 10, min-growth 6"));
			System.out.println(defaultVerdicts.row("defaults (10 s, window 30, min-growth 10)"));
			fastVerdicts.explanations
				.forEach((name, text) -> System.out.printf("%nfirst suspected %s: %s%n", name, text));
			defaultVerdicts.explanations
				.forEach((name, text) -> System.out.printf("%nfirst suspected %s: %s%n", name, text));
		}
		finally {
			sampler.shutdownNow();
			tomcat.stop();
			tomcat.destroy();
		}
	}

	private static Verdicts sample(ScheduledExecutorService sampler, ThreadLeaksSettings settings) {
		Verdicts verdicts = new Verdicts(new ThreadLeakMonitor(settings, new JvmThreadSource(), Clock.systemUTC()));
		long interval = settings.sampleInterval().toMillis();
		sampler.scheduleAtFixedRate(verdicts::sample, 0, interval, TimeUnit.MILLISECONDS);
		return verdicts;
	}

	private static Tomcat start() throws IOException, LifecycleException {
		File baseDir = Files.createTempDirectory("threadleaks-tomcat-").toFile();
		baseDir.deleteOnExit();
		Tomcat tomcat = new Tomcat();
		tomcat.setBaseDir(baseDir.getAbsolutePath());
		tomcat.setPort(0);
		Context context = tomcat.addContext("", baseDir.getAbsolutePath());
		Tomcat.addServlet(context, "work", new WaitingServlet());
		context.addServletMappingDecoded("/*", "work");
		tomcat.getConnector();
		tomcat.start();
		return tomcat;
	}

	/** Answers after a short wait, as a request that calls a database would. */
	private static final class WaitingServlet extends HttpServlet {

		@Override
		protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
			try {
				Thread.sleep(REQUEST_WAIT.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			response.setContentType("text/plain");
			response.getWriter().write("ok");
		}

	}

	/** What one monitor said over the run. */
	private static final class Verdicts {

		private final ThreadLeakMonitor monitor;

		private final Map<String, Integer> samplesBySuspect = new TreeMap<>();

		private final Map<String, String> explanations = new TreeMap<>();

		private int samples;

		private int suspected;

		private int largestPool;

		private Verdicts(ThreadLeakMonitor monitor) {
			this.monitor = monitor;
		}

		private synchronized void sample() {
			ThreadLeakReport report = this.monitor.sample();
			this.samples++;
			int pool = 0;
			for (StackGroupReport group : report.groups()) {
				pool += group.name().startsWith("http-nio-") ? group.count() : 0;
			}
			this.largestPool = Math.max(this.largestPool, pool);
			if (!report.suspects().isEmpty()) {
				this.suspected++;
			}
			for (StackGroupReport suspect : report.suspects()) {
				this.samplesBySuspect.merge(suspect.name() + " " + suspect.state(), 1, Integer::sum);
				this.explanations.putIfAbsent(suspect.name() + " " + suspect.state(),
						suspect.count() + " threads: " + suspect.explanation());
			}
		}

		private synchronized String row(String settings) {
			List<String> suspects = new ArrayList<>();
			this.samplesBySuspect.forEach((name, count) -> suspects.add(name + " on " + count));
			return String.format(Locale.ROOT, "| %s | %d | %d | %d | %s |", settings, this.samples, this.suspected,
					this.largestPool, suspects.isEmpty() ? "none" : String.join(", ", suspects));
		}

	}

}
