package io.github.threadleaks.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.threadleaks.core.CreationSiteTracking;
import io.github.threadleaks.core.CreationSites;
import io.github.threadleaks.core.ThreadOrigin;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;

/**
 * Where threads were started, as a recording's {@code jdk.ThreadStart} events say: for
 * each live thread, the frames of the code that started it, past the JDK's own
 * thread-starting frames. Ended threads are forgotten.
 */
final class RecordedCreationSites implements CreationSites {

	private static final int MAX_FRAMES = 8;

	private static final List<String> JDK_PACKAGES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

	private final Map<Long, ThreadOrigin> origins = new HashMap<>();

	private final Map<List<String>, ThreadOrigin> shared = new HashMap<>();

	private long starts;

	void started(long javaThreadId, RecordedStackTrace stack) {
		List<String> texts = new ArrayList<>();
		List<RecordedFrame> frames = stack.getFrames();
		int first = 0;
		while (first < frames.size() && isJdk(frames.get(first))) {
			first++;
		}
		if (first == frames.size()) {
			first = 0;
		}
		for (int i = first; i < frames.size() && texts.size() < MAX_FRAMES; i++) {
			texts.add(text(frames.get(i)));
		}
		if (!texts.isEmpty()) {
			this.starts++;
			// Threads started from one place share one origin.
			this.origins.put(javaThreadId, this.shared.computeIfAbsent(texts,
					(key) -> new ThreadOrigin(ThreadOrigin.Kind.STARTED_AT, key.get(0), key)));
		}
	}

	void ended(long javaThreadId) {
		this.origins.remove(javaThreadId);
	}

	@Override
	public ThreadOrigin originOf(long threadId) {
		if (this.starts == 0) {
			return ThreadOrigin.UNTRACKED;
		}
		ThreadOrigin origin = this.origins.get(threadId - DumpThreadSource.ID_OFFSET);
		return (origin != null) ? origin : ThreadOrigin.BEFORE_MONITORING;
	}

	@Override
	public CreationSiteTracking tracking() {
		if (this.starts == 0) {
			return CreationSiteTracking.unavailable("no jdk.ThreadStart events with stacks in the inputs");
		}
		return new CreationSiteTracking(CreationSiteTracking.State.TRACKING, null, this.origins.size(), this.starts, 0,
				0);
	}

	private static boolean isJdk(RecordedFrame frame) {
		String type = frame.getMethod().getType().getName();
		for (String prefix : JDK_PACKAGES) {
			if (type.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A frame as JFR knows it: the line, not the source file, as the live tracker writes
	 * it.
	 */
	private static String text(RecordedFrame frame) {
		int line = frame.getLineNumber();
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName() + "("
				+ ((line > 0) ? "line " + line : "Unknown Source") + ")";
	}

}
