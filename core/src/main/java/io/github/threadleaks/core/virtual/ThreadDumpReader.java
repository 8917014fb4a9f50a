package io.github.threadleaks.core.virtual;

import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

import io.github.threadleaks.core.StackFrame;
import io.github.threadleaks.core.ThreadCensus;
import io.github.threadleaks.core.ThreadNames;
import io.github.threadleaks.core.dump.DumpedThread;
import io.github.threadleaks.core.dump.JsonThreadDumpReader;

/**
 * The virtual threads of the JVM's JSON thread dump ({@code HotSpotDiagnosticMXBean
 * .dumpThreads}, JDK 21+) as the engine's census, read by the one JSON dump reader as the
 * document streams by.
 */
final class ThreadDumpReader {

	private final JsonThreadDumpReader reader;

	private final Map<String, String> containers = new HashMap<>();

	/**
	 * Creates a reader.
	 * @param maxDepth frames kept per thread, from the top
	 * @param isPlatformThread tells platform threads from virtual ones in dumps that do
	 * not say (JDK 21 to 24)
	 */
	ThreadDumpReader(int maxDepth, LongPredicate isPlatformThread) {
		this.reader = new JsonThreadDumpReader("thread dump", maxDepth, isPlatformThread);
	}

	/** Reads a dump, handing each virtual thread to {@code threads}. */
	void read(Reader dump, VirtualThreadConsumer threads) throws IOException {
		this.reader.stream(dump, (thread) -> {
			if (thread.virtual()) {
				threads.accept(census(thread), thread.frames(), containerLabel(thread));
			}
		});
	}

	private static ThreadCensus census(DumpedThread thread) {
		// A running virtual thread has no CPU time to tell spinning from stuck: it never
		// counts as still.
		long progress = (thread.state() == Thread.State.RUNNABLE || thread.frames().isEmpty())
				? ThreadCensus.neverStill() : thread.fingerprint();
		return new ThreadCensus(thread.id(), thread.name(), thread.state(), true, thread.lockName(), -1, null, progress,
				0, -1);
	}

	private String containerLabel(DumpedThread thread) {
		String container = thread.container();
		return (container != null) ? this.containers.computeIfAbsent(container, ThreadNames::normalize) : "<unknown>";
	}

	/** Distinct stacks read so far: what the threads of the dump share. */
	int distinctStacks() {
		return this.reader.distinctStacks();
	}

	/** Receives each virtual thread of a dump. */
	@FunctionalInterface
	interface VirtualThreadConsumer {

		void accept(ThreadCensus thread, List<StackFrame> stack, String container);

	}

}
