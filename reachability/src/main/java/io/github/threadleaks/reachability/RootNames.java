package io.github.threadleaks.reachability;

import java.util.Map;

/** What a GC root is, as a path's first step names it. */
final class RootNames {

	private RootNames() {
	}

	static String of(HeapRoot root, Map<Integer, HeapThread> threads) {
		int serial = root.threadSerial();
		return switch (root.kind()) {
			case HeapRoot.THREAD_OBJECT -> "thread " + threadName(serial, threads);
			case HeapRoot.JAVA_FRAME -> "thread stack of " + threadName(serial, threads);
			case HeapRoot.JNI_LOCAL, HeapRoot.NATIVE_STACK, HeapRoot.THREAD_BLOCK ->
				"native stack of " + threadName(serial, threads);
			case HeapRoot.STICKY_CLASS -> "system class";
			case HeapRoot.JNI_GLOBAL -> "JNI global reference";
			case HeapRoot.MONITOR_USED -> "MonitorUsed";
			default -> "Unknown";
		};
	}

	private static String threadName(int serial, Map<Integer, HeapThread> threads) {
		HeapThread thread = threads.get(serial);
		return (thread != null) ? "\"" + thread.name() + "\"" : "thread #" + serial;
	}

}
