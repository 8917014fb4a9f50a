package io.github.threadleaks.reachability;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.github.threadleaks.core.GroupDetail;
import io.github.threadleaks.core.StackGroupReport;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.ThreadLeaksSettings;

/**
 * A service's main class for {@link ExecutableJarChildTests}, run from an executable jar
 * with this module nested in it: one thread waits on a future nobody else holds, and the
 * verdict on it comes from the analysis in a child JVM, printed for the test to read.
 */
public final class ExecutableJarService {

	private ExecutableJarService() {
	}

	public static void main(String[] args) throws Exception {
		Thread waiter = new Thread(() -> {
			try {
				new CompletableFuture<String>().get();
			}
			catch (Exception ex) {
				// Interrupted: the service stops.
			}
		}, "jar-orphan-1");
		waiter.start();
		while (waiter.getState() != Thread.State.WAITING) {
			Thread.onSpinWait();
		}
		ThreadLeakMonitor monitor = new ThreadLeakMonitor(ThreadLeaksSettings.defaults());
		StackGroupReport group = monitor.sample()
			.groups()
			.stream()
			.filter((candidate) -> candidate.name().startsWith("jar-orphan-"))
			.findFirst()
			.orElseThrow();
		GroupDetail detail = monitor.group(group.id()).orElseThrow();
		ReachabilityVerdict verdict = ReachabilityAnalyzer.inChildJvm(256L << 20, Duration.ofMinutes(2))
			.analyze(detail);
		System.out.println("verdict " + verdict.verdict() + " on " + verdict.threads() + " thread, blocker "
				+ verdict.blockerClass());
		waiter.interrupt();
		waiter.join();
	}

}
