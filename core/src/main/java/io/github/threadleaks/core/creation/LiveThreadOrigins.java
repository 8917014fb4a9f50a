package io.github.threadleaks.core.creation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.threadleaks.core.StackFrame;
import io.github.threadleaks.core.ThreadOrigin;
import io.github.threadleaks.core.internal.StackFrames;
import org.jspecify.annotations.Nullable;

/**
 * The origins of the live threads whose starts were seen, at most {@code maxThreads}, the
 * oldest forgotten first; threads started from the same place share one origin. What
 * {@link CreationSiteTracker} holds between events.
 */
final class LiveThreadOrigins {

	/** The frames kept per creation site from the first past the JDK's own, at least. */
	static final int MAX_FRAMES = 8;

	/**
	 * The starter's frames looked at: enough to pass a library's own frames and reach the
	 * application's.
	 */
	static final int MAX_STARTER_FRAMES = 64;

	private final int maxThreads;

	private ApplicationPackages application;

	/** Live threads' origins in the order their starts arrived. */
	private final LinkedHashMap<Long, ThreadOrigin> origins = new LinkedHashMap<>();

	/** One origin per distinct list of frames. */
	private Map<List<StackFrame>, ThreadOrigin> shared = new HashMap<>();

	private int sharedAfterRebuild;

	/**
	 * Threads alive when the recording began: started before it, unless a start event
	 * says otherwise.
	 */
	private @Nullable Set<Long> aliveBeforeStart;

	private long forgotten;

	LiveThreadOrigins(int maxThreads, ApplicationPackages application) {
		this.maxThreads = maxThreads;
		this.application = application;
	}

	/**
	 * Names the application's frames with these packages in the starts delivered from now
	 * on; the sites already held stay as they were.
	 */
	synchronized void application(ApplicationPackages application) {
		if (!application.packages().equals(this.application.packages())) {
			this.application = application;
			this.shared = new HashMap<>();
			this.sharedAfterRebuild = 0;
		}
	}

	/** Takes these threads as started before tracking began, or none. */
	synchronized void aliveBeforeStart(@Nullable Set<Long> alive) {
		this.aliveBeforeStart = alive;
	}

	/** The origin of a thread, or what is known of why it has none. */
	synchronized ThreadOrigin originOf(long threadId) {
		ThreadOrigin origin = this.origins.get(threadId);
		if (origin != null) {
			return origin;
		}
		if (this.aliveBeforeStart != null && this.aliveBeforeStart.contains(threadId)) {
			return ThreadOrigin.BEFORE_MONITORING;
		}
		return (this.forgotten > 0) ? ThreadOrigin.FORGOTTEN_OR_NOT_YET_KNOWN : ThreadOrigin.NOT_YET_KNOWN;
	}

	/** A thread was started by {@code starterThreadId} at these frames (top first). */
	synchronized void started(long threadId, long starterThreadId, List<StackFrame> starterFrames) {
		ThreadOrigin origin = share(starterFrames);
		ThreadOrigin starter = this.origins.get(starterThreadId);
		if (origin.kind() == ThreadOrigin.Kind.STARTED_AT && starter != null
				&& starter.kind() == ThreadOrigin.Kind.STARTED_AT
				&& !this.application.namesApplication(starterFrames)) {
			// Started by a library's or the JDK's own thread (a client's main thread
			// starting its reactor):
			// named after where that thread was started.
			origin = ThreadOrigin.startedAt(applicationPart(starter.site()) + " via " + origin.site(), origin.frames());
		}
		this.origins.put(threadId, origin);
		if (this.origins.size() > this.maxThreads) {
			Long eldest = this.origins.keySet().iterator().next();
			this.origins.remove(eldest);
			this.forgotten++;
		}
	}

	/** A thread ended: its origin is forgotten at once. */
	synchronized void ended(long threadId) {
		this.origins.remove(threadId);
		if (this.aliveBeforeStart != null) {
			this.aliveBeforeStart.remove(threadId);
		}
	}

	/**
	 * Forgets every origin held, keeping the count of threads forgotten for the bound.
	 */
	synchronized void clear() {
		this.origins.clear();
		this.shared = new HashMap<>();
	}

	/** Origins held now, one per live thread whose start was seen. */
	synchronized int held() {
		return this.origins.size();
	}

	/** Threads forgotten for the bound since tracking started. */
	synchronized long forgotten() {
		return this.forgotten;
	}

	/** Distinct frame lists held now: threads started from one place share one. */
	synchronized int sharedSites() {
		return this.shared.size();
	}

	/**
	 * The one origin of these frames, forgetting those no held thread uses once they may
	 * outnumber the rest.
	 */
	private ThreadOrigin share(List<StackFrame> starterFrames) {
		List<StackFrame> frames = List
			.copyOf(starterFrames.subList(0, Math.min(starterFrames.size(), MAX_STARTER_FRAMES)));
		Map<List<StackFrame>, ThreadOrigin> table = this.shared;
		ThreadOrigin origin = table.get(frames);
		if (origin != null) {
			return origin;
		}
		if (table.size() >= Math.max(1024, 2 * this.sharedAfterRebuild)) {
			table = retainHeld();
		}
		origin = this.application.originOf(frames);
		if (origin == null) {
			List<StackFrame> kept = trimmed(frames);
			List<String> texts = new ArrayList<>(kept.size());
			for (StackFrame frame : kept) {
				texts.add(text(frame));
			}
			origin = ThreadOrigin.startedAt(texts.isEmpty() ? List.of("(no Java frames)") : texts);
		}
		table.put(frames, origin);
		return origin;
	}

	private Map<List<StackFrame>, ThreadOrigin> retainHeld() {
		Set<ThreadOrigin> held = Collections.newSetFromMap(new IdentityHashMap<>());
		held.addAll(this.origins.values());
		Map<List<StackFrame>, ThreadOrigin> kept = new HashMap<>();
		for (Map.Entry<List<StackFrame>, ThreadOrigin> entry : this.shared.entrySet()) {
			if (held.contains(entry.getValue())) {
				kept.put(entry.getKey(), entry.getValue());
			}
		}
		this.shared = kept;
		this.sharedAfterRebuild = kept.size();
		return kept;
	}

	/**
	 * The frames a reader wants of a starter's stack: past the JDK's own frames
	 * ({@code Thread.start}, {@code ThreadPoolExecutor.addWorker}, ...) where any frame
	 * is not the JDK's, at most {@value #MAX_FRAMES}.
	 */
	static List<StackFrame> trimmed(List<StackFrame> frames) {
		int first = 0;
		while (first < frames.size() && StackFrames.isJdk(frames.get(first).className())) {
			first++;
		}
		if (first == frames.size()) {
			first = 0;
		}
		return List.copyOf(frames.subList(first, Math.min(frames.size(), first + MAX_FRAMES)));
	}

	/** A site without its {@code via ...} part: the application's frame alone. */
	private static String applicationPart(String site) {
		int via = site.indexOf(" via ");
		return (via < 0) ? site : site.substring(0, via);
	}

	/** A frame as JFR knows it: JFR records the line, not the source file. */
	static String text(StackFrame frame) {
		String location = (frame.lineNumber() > 0) ? "line " + frame.lineNumber() : "Unknown Source";
		return frame.qualifiedMethod() + "(" + location + ")";
	}

}
