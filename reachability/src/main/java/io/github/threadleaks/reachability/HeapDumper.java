package io.github.threadleaks.reachability;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import com.sun.management.HotSpotDiagnosticMXBean;

/** Writes a heap dump of live objects to a file that does not exist yet. */
@FunctionalInterface
interface HeapDumper {

	void dump(Path file) throws IOException;

	/**
	 * The running JVM's own dump: a full collection first, so only live objects are
	 * written.
	 */
	static HeapDumper hotSpot() {
		return (file) -> ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
			.dumpHeap(file.toString(), true);
	}

}
