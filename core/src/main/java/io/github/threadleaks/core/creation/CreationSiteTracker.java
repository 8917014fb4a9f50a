package io.github.threadleaks.core.creation;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.threadleaks.core.CreationSiteTracking;
import io.github.threadleaks.core.CreationSites;
import io.github.threadleaks.core.InvalidSettingException;
import io.github.threadleaks.core.StackFrame;
import io.github.threadleaks.core.StackFrames;
import io.github.threadleaks.core.ThreadOrigin;
import org.jspecify.annotations.Nullable;

/**
 * {@link CreationSites} from JFR: a recording stream of {@code jdk.ThreadStart} events (with the stack of the
 * thread that called {@code start()}) and {@code jdk.ThreadEnd} events, read on one daemon thread of its own named
 * {@value #THREAD_NAME}. It keeps, for each live thread, the frames that started it, past the JDK's own
 * thread-starting frames, so that the first is the application's code where there is any. At most
 * {@code maxThreads} threads are held, the oldest forgotten first; ended threads are forgotten at once; threads
 * started from the same place share one frame list.
 *
 * <p>Where JFR is missing or no recording can start, the tracker says why in {@link #tracking()} and answers
 * {@link ThreadOrigin#UNTRACKED}; nothing else is affected. A recording of the user's own (started with
 * {@code jcmd JFR.start} or {@code -XX:StartFlightRecording}) runs on untouched; it records thread starts with
 * their stacks too while this one runs, as JFR records the union of the running recordings' settings.
 */
public final class CreationSiteTracker implements CreationSites, AutoCloseable {

	/** The name of the thread that reads the events. */
	public static final String THREAD_NAME = "threadleaks-creation-sites";

	/** The frames kept per creation site from the first past the JDK's own, at least. */
	static final int MAX_FRAMES = 8;

	/** The starter's frames looked at: enough to pass a library's own frames and reach the application's. */
	static final int MAX_STARTER_FRAMES = 64;

	private static final long MARKER_PERIOD_MILLIS = 250;

	private static final Duration RECORDING_START_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Thread starts after which the recording's chunk is ended: JFR's reader keeps about 200 bytes of heap per
	 * thread started in the current chunk, which JFR ends only at 12 MB of data by default.
	 */
	static final int ROTATE_EVERY_STARTS = 10_000;

	private static final AtomicLong tokens = new AtomicLong();

	private final int maxThreads;

	private final ApplicationPackages application;

	private final ThreadStartEvents.Opener opener;

	private final Object lock = new Object();

	/** Live threads' origins in the order their starts arrived. Guarded by {@link #lock}. */
	private final LinkedHashMap<Long, ThreadOrigin> origins = new LinkedHashMap<>();

	/** One origin per distinct list of frames. Guarded by {@link #lock}. */
	private Map<List<StackFrame>, ThreadOrigin> shared = new HashMap<>();

	private int sharedAfterRebuild;

	/** Threads alive when the recording began: started before it, unless a start event says otherwise. Guarded by {@link #lock}. */
	private @Nullable Set<Long> aliveBeforeStart;

	private final AtomicLong threadStarts = new AtomicLong();

	private final AtomicLong forgotten = new AtomicLong();

	private final AtomicLong handlingNanos = new AtomicLong();

	private final Map<Long, CountDownLatch> markers = new ConcurrentHashMap<>();

	private volatile CreationSiteTracking.State state = CreationSiteTracking.State.OFF;

	private volatile @Nullable String unavailableReason;

	/** Read by the reading thread without the tracker's monitor, which {@link #stop()} holds while it waits. */
	private volatile @Nullable ThreadStartEvents events;

	private @Nullable Thread reader;

	/**
	 * A tracker that holds the creation sites of at most {@code maxThreads} live threads. Call {@link #start()}.
	 * @param maxThreads at least 1
	 */
	public CreationSiteTracker(int maxThreads) {
		this(maxThreads, ApplicationPackages.UNKNOWN);
	}

	/**
	 * A tracker that holds the creation sites of at most {@code maxThreads} live threads and names, in each, the
	 * application's own frame first (see {@link ApplicationPackages}). Call {@link #start()}.
	 * @param maxThreads at least 1
	 * @param application which code is the application's own
	 */
	public CreationSiteTracker(int maxThreads, ApplicationPackages application) {
		this(maxThreads, application, CreationSiteTracker::openJfr);
	}

	CreationSiteTracker(int maxThreads, ThreadStartEvents.Opener opener) {
		this(maxThreads, ApplicationPackages.UNKNOWN, opener);
	}

	CreationSiteTracker(int maxThreads, ApplicationPackages application, ThreadStartEvents.Opener opener) {
		if (maxThreads < 1) {
			throw new InvalidSettingException("max-threads", maxThreads, "at least 1");
		}
		this.maxThreads = maxThreads;
		this.application = application;
		this.opener = opener;
	}

	/** JFR's events, or a clear failure where this runtime has no JFR. */
	private static ThreadStartEvents openJfr(ThreadStartEvents.Handler handler) {
		if (ModuleLayer.boot().findModule("jdk.jfr").isEmpty()) {
			throw new IllegalStateException("this Java runtime has no jdk.jfr module");
		}
		return JfrThreadStartEvents.open(handler);
	}

	/**
	 * Starts recording thread starts; does nothing if already started. Where no recording can start, the tracker
	 * is {@link CreationSiteTracking.State#UNAVAILABLE} with the reason, and this method returns normally.
	 */
	public synchronized void start() {
		if (this.reader != null || this.state == CreationSiteTracking.State.UNAVAILABLE) {
			return;
		}
		ThreadStartEvents opened;
		try {
			opened = this.opener.open(new Handler());
		}
		catch (Exception | LinkageError ex) {
			markUnavailable("no JFR recording could be started: " + ex);
			return;
		}
		this.events = opened;
		this.state = CreationSiteTracking.State.TRACKING;
		Thread thread = new Thread(() -> read(opened), THREAD_NAME);
		thread.setDaemon(true);
		this.reader = thread;
		thread.start();
		awaitRecording(opened);
	}

	/**
	 * Waits for the recording to begin, so that every thread started after {@link #start()} returns is seen, then
	 * takes the threads alive as started before: one started in between has its start delivered, which wins.
	 */
	private void awaitRecording(ThreadStartEvents opened) {
		try {
			if (!opened.awaitRecording(RECORDING_START_TIMEOUT)) {
				stop();
				markUnavailable("the JFR recording did not begin within " + RECORDING_START_TIMEOUT.toSeconds() + "s");
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		Set<Long> alive = new HashSet<>();
		for (long id : ManagementFactory.getThreadMXBean().getAllThreadIds()) {
			alive.add(id);
		}
		synchronized (this.lock) {
			this.aliveBeforeStart = alive;
		}
	}

	private void read(ThreadStartEvents opened) {
		try {
			opened.run();
		}
		catch (RuntimeException | Error ex) {
			// A stream that cannot run (a recording refused) ends tracking; the monitor goes on without it.
			markUnavailable("the JFR event stream failed: " + ex);
		}
	}

	private void markUnavailable(String reason) {
		this.unavailableReason = reason;
		this.state = CreationSiteTracking.State.UNAVAILABLE;
		synchronized (this.lock) {
			this.origins.clear();
			this.shared = new HashMap<>();
		}
	}

	/** Stops recording and waits up to ten seconds for the reading thread to end. */
	public synchronized void stop() {
		ThreadStartEvents running = this.events;
		Thread thread = this.reader;
		this.events = null;
		this.reader = null;
		if (running == null || thread == null) {
			return;
		}
		running.close();
		try {
			thread.join(TimeUnit.SECONDS.toMillis(10));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.state == CreationSiteTracking.State.TRACKING) {
			this.state = CreationSiteTracking.State.STOPPED;
		}
		synchronized (this.lock) {
			this.origins.clear();
			this.shared = new HashMap<>();
			this.aliveBeforeStart = null;
		}
	}

	/** Whether the reading thread runs. */
	public synchronized boolean isRunning() {
		return this.reader != null;
	}

	@Override
	public void close() {
		stop();
	}

	/**
	 * Waits until the start of every thread that has begun running before this call has been delivered, at most
	 * {@code timeout}: JFR delivers events about once a second. (JDK 17 records a start when the new thread first
	 * runs, which may be just after {@code start()} returns; a leaked thread, blocked somewhere, has run.) Returns
	 * whether it caught up; {@code false} at once when not tracking. Markers are committed every
	 * {@value #MARKER_PERIOD_MILLIS} ms until one is delivered.
	 */
	public boolean awaitCatchUp(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		CountDownLatch delivered = new CountDownLatch(1);
		List<Long> committed = new ArrayList<>();
		try {
			while (true) {
				ThreadStartEvents running;
				synchronized (this) {
					running = this.events;
				}
				if (running == null || this.state != CreationSiteTracking.State.TRACKING) {
					return false;
				}
				long token = tokens.incrementAndGet();
				this.markers.put(token, delivered);
				committed.add(token);
				running.commitMarker(token);
				long left = deadline - System.nanoTime();
				if (delivered.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(MARKER_PERIOD_MILLIS)),
						TimeUnit.NANOSECONDS)) {
					return true;
				}
				if (deadline - System.nanoTime() <= 0) {
					return false;
				}
			}
		}
		finally {
			committed.forEach(this.markers::remove);
		}
	}

	@Override
	public ThreadOrigin originOf(long threadId) {
		if (this.state != CreationSiteTracking.State.TRACKING) {
			return ThreadOrigin.UNTRACKED;
		}
		synchronized (this.lock) {
			ThreadOrigin origin = this.origins.get(threadId);
			if (origin != null) {
				return origin;
			}
			if (this.aliveBeforeStart != null && this.aliveBeforeStart.contains(threadId)) {
				return ThreadOrigin.BEFORE_MONITORING;
			}
		}
		return (this.forgotten.get() > 0) ? ThreadOrigin.FORGOTTEN_OR_NOT_YET_KNOWN : ThreadOrigin.NOT_YET_KNOWN;
	}

	@Override
	public CreationSiteTracking tracking() {
		CreationSiteTracking.State now = this.state;
		if (now == CreationSiteTracking.State.UNAVAILABLE) {
			return CreationSiteTracking.unavailable(String.valueOf(this.unavailableReason));
		}
		int held;
		synchronized (this.lock) {
			held = this.origins.size();
		}
		return new CreationSiteTracking(now, null, held, this.threadStarts.get(), this.forgotten.get(),
				this.handlingNanos.get());
	}

	/** Distinct frame lists held now: threads started from one place share one. */
	int sharedSites() {
		synchronized (this.lock) {
			return this.shared.size();
		}
	}

	/**
	 * The frames a reader wants of a starter's stack: past the JDK's own frames ({@code Thread.start},
	 * {@code ThreadPoolExecutor.addWorker}, ...) where any frame is not the JDK's, at most {@value #MAX_FRAMES}.
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

	/** Receives the stream's events on the reading thread. */
	private final class Handler implements ThreadStartEvents.Handler {

		@Override
		public void started(long threadId, long starterThreadId, List<StackFrame> starterFrames) {
			long began = System.nanoTime();
			synchronized (CreationSiteTracker.this.lock) {
				ThreadOrigin origin = share(starterFrames);
				ThreadOrigin starter = CreationSiteTracker.this.origins.get(starterThreadId);
				if (origin.kind() == ThreadOrigin.Kind.STARTED_AT && starter != null
						&& starter.kind() == ThreadOrigin.Kind.STARTED_AT
						&& !CreationSiteTracker.this.application.namesApplication(starterFrames)) {
					// Started by a library's or the JDK's own thread (a client's main thread starting its reactor):
					// named after where that thread was started.
					origin = ThreadOrigin.startedAt(applicationPart(starter.site()) + " via " + origin.site(),
							origin.frames());
				}
				CreationSiteTracker.this.origins.put(threadId, origin);
				if (CreationSiteTracker.this.origins.size() > CreationSiteTracker.this.maxThreads) {
					Long eldest = CreationSiteTracker.this.origins.keySet().iterator().next();
					CreationSiteTracker.this.origins.remove(eldest);
					CreationSiteTracker.this.forgotten.incrementAndGet();
				}
			}
			long starts = CreationSiteTracker.this.threadStarts.incrementAndGet();
			CreationSiteTracker.this.handlingNanos.addAndGet(System.nanoTime() - began);
			if (starts % ROTATE_EVERY_STARTS == 0) {
				rotate();
			}
		}

		private void rotate() {
			ThreadStartEvents current = CreationSiteTracker.this.events;
			if (current != null) {
				try {
					current.rotate();
				}
				catch (RuntimeException ex) {
					// Memory is then released at JFR's own rotation; tracking goes on.
				}
			}
		}

		@Override
		public void ended(long threadId) {
			long began = System.nanoTime();
			synchronized (CreationSiteTracker.this.lock) {
				CreationSiteTracker.this.origins.remove(threadId);
				if (CreationSiteTracker.this.aliveBeforeStart != null) {
					CreationSiteTracker.this.aliveBeforeStart.remove(threadId);
				}
			}
			CreationSiteTracker.this.handlingNanos.addAndGet(System.nanoTime() - began);
		}

		@Override
		public void marker(long token) {
			CountDownLatch waiting = CreationSiteTracker.this.markers.get(token);
			if (waiting != null) {
				waiting.countDown();
			}
		}

		/** The one origin of these frames, forgetting those no held thread uses once they may outnumber the rest. */
		private ThreadOrigin share(List<StackFrame> starterFrames) {
			List<StackFrame> frames = List.copyOf(starterFrames.subList(0, Math.min(starterFrames.size(), MAX_STARTER_FRAMES)));
			Map<List<StackFrame>, ThreadOrigin> table = CreationSiteTracker.this.shared;
			ThreadOrigin origin = table.get(frames);
			if (origin != null) {
				return origin;
			}
			if (table.size() >= Math.max(1024, 2 * CreationSiteTracker.this.sharedAfterRebuild)) {
				table = retainHeld();
			}
			origin = CreationSiteTracker.this.application.originOf(frames);
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
			held.addAll(CreationSiteTracker.this.origins.values());
			Map<List<StackFrame>, ThreadOrigin> kept = new HashMap<>();
			for (Map.Entry<List<StackFrame>, ThreadOrigin> entry : CreationSiteTracker.this.shared.entrySet()) {
				if (held.contains(entry.getValue())) {
					kept.put(entry.getKey(), entry.getValue());
				}
			}
			CreationSiteTracker.this.shared = kept;
			CreationSiteTracker.this.sharedAfterRebuild = kept.size();
			return kept;
		}

	}

}
