package io.github.threadleaks.core.internal;

import java.util.List;

/**
 * What a frame's text ({@code class.method(File.java:12)}) says about where it belongs.
 * Not API: see the package.
 *
 * @since 0.1.0
 */
public final class StackFrames {

	/** Packages of the JDK itself: a frame there is never the application's own code. */
	private static final List<String> JDK_PACKAGES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

	/**
	 * The frames every blocked thread has on top, whatever it waits for: they say nothing
	 * of the why.
	 */
	private static final List<String> PARKING_MACHINERY = List.of("jdk.internal.misc.Unsafe.",
			"java.util.concurrent.locks.", "java.util.concurrent.ForkJoinPool.managedBlock",
			"java.util.concurrent.ForkJoinPool.unmanagedBlock", "java.lang.Object.wait", "java.lang.Thread.sleep");

	/**
	 * The JDK frames that run a thread's or a pool's task: what lies above them is the
	 * task's own doing.
	 */
	private static final List<String> THREAD_RUNNERS = List.of("java.lang.Thread.run",
			"java.util.concurrent.ThreadPoolExecutor$Worker.run", "java.util.concurrent.ThreadPoolExecutor.runWorker",
			"java.util.concurrent.ForkJoinWorkerThread.run", "java.util.concurrent.FutureTask.run");

	private StackFrames() {
	}

	public static boolean isJdk(String frame) {
		return startsWithAny(frame, JDK_PACKAGES);
	}

	public static boolean isParkingMachinery(String frame) {
		return startsWithAny(frame, PARKING_MACHINERY);
	}

	public static boolean isThreadRunner(String frame) {
		return startsWithAny(frame, THREAD_RUNNERS);
	}

	private static boolean startsWithAny(String frame, List<String> prefixes) {
		for (String prefix : prefixes) {
			if (frame.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

}
