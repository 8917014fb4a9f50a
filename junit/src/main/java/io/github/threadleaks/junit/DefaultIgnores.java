package io.github.threadleaks.junit;

import java.util.List;
import java.util.regex.Pattern;

import io.github.threadleaks.core.SamplingLoop;
import io.github.threadleaks.core.StackGroupReport;
import io.github.threadleaks.core.creation.CreationSiteTracker;
import io.github.threadleaks.core.virtual.VirtualThreadMonitor;

/**
 * The threads that the JVM, JUnit, build tools and IDEs start on their own and that may
 * first appear while a test runs. They are ignored unless
 * {@code threadleaks.junit.ignore.defaults=false}: each entry trades a little precision
 * for a quiet check, so the list holds only threads no test code starts.
 */
final class DefaultIgnores {

	/** Thread names (whole-name regular expressions). */
	static final List<String> THREAD_NAMES = List.of(
			// The JVM's service threads, started on demand (an attach from jcmd, a JFR
			// recording, a debugger).
			"Attach Listener", "Signal Dispatcher", "Notification Thread", "Common-Cleaner", "JFR .*", "JDWP .*",
			// JDK singletons started lazily on first use and kept for the life of the
			// JVM.
			"process reaper.*", "InnocuousThread-\\d+", "Keep-Alive-Timer", "Keep-Alive-SocketCleaner",
			"Java2D Disposer", "CompletableFutureDelayScheduler", "ForkJoinPool\\.commonPool-delayScheduler",
			"Read-Poller", "Write-Poller", "MasterPoller", "VirtualThread-unparker", "VirtualThread-unblocker",
			// Test runners, build tools and IDEs.
			"junit-jupiter-timeout-watcher", "surefire-forkedjvm-.*", "Monitor Ctrl-Break",
			// threadleaks' own samplers and creation-site reader, when a test starts an
			// application that runs them.
			Pattern.quote(SamplingLoop.THREAD_NAME), Pattern.quote(VirtualThreadMonitor.THREAD_NAME),
			Pattern.quote(CreationSiteTracker.THREAD_NAME));

	/** Top frames ({@code class.method} regular expressions). */
	static final List<String> TOP_FRAMES = List.of();

	/** Frames anywhere in the stack ({@code class.method} regular expressions). */
	static final List<String> ANY_FRAMES = List.of(
			// An idle fork-join worker (the common pool's, a parallel stream's) ends by
			// itself after its keep-alive.
			"java\\.util\\.concurrent\\.ForkJoinPool\\.awaitWork");

	private DefaultIgnores() {
	}

	/**
	 * Whether the group's threads are idle executor workers in a timed poll for their
	 * next task: workers of a pool whose idle threads time out (a cached pool,
	 * {@code HttpClient}'s default executor), which end by themselves after its
	 * keep-alive. The engine's own test, so that a test and the leak rule agree. A worker
	 * waiting without a timeout (a fixed pool never shut down) or for delayed work (a
	 * scheduled executor's core worker, which never times out) is not.
	 */
	static boolean idleWorkersThatTimeOut(StackGroupReport group) {
		return group.idleWorkersThatTimeOut();
	}

}
