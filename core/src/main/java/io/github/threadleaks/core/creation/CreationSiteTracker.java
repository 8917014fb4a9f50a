package io.github.threadleaks.core.creation;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.threadleaks.core.BackgroundTask;
import io.github.threadleaks.core.CreationSiteTracking;
import io.github.threadleaks.core.CreationSites;
import io.github.threadleaks.core.InvalidSettingException;
import io.github.threadleaks.core.ThreadOrigin;
import org.jspecify.annotations.Nullable;

/**
 * {@link CreationSites} from JFR: a recording stream of {@code jdk.ThreadStart} events
 * (with the stack of the thread that called {@code start()}) and {@code jdk.ThreadEnd}
 * events, read on one daemon thread of its own named {@value #THREAD_NAME}. It keeps, for
 * each live thread, the frames that started it, past the JDK's own thread-starting
 * frames, so that the first is the application's code where there is any. At most
 * {@code maxThreads} threads are held, the oldest forgotten first; ended threads are
 * forgotten at once; threads started from the same place share one frame list.
 *
 * <p>
 * Where JFR is missing or no recording can start, the tracker says why in
 * {@link #tracking()} and answers {@link ThreadOrigin#UNTRACKED}; nothing else is
 * affected. A recording of the user's own (started with {@code jcmd JFR.start} or
 * {@code -XX:StartFlightRecording}) runs on untouched; it records thread starts with
 * their stacks too while this one runs, as JFR records the union of the running
 * recordings' settings.
 *
 * @since 0.1.0
 */
public final class CreationSiteTracker implements CreationSites, BackgroundTask {

	/** The name of the thread that reads the events. */
	public static final String THREAD_NAME = "threadleaks-creation-sites";

	/** How many live threads' creation sites are held by default. */
	public static final int DEFAULT_MAX_THREADS = 50_000;

	/** The most live threads' creation sites a tracker may be asked to hold. */
	public static final int MAX_THREADS_LIMIT = 10_000_000;

	private static final Duration RECORDING_START_TIMEOUT = Duration.ofSeconds(10);

	private final LiveThreadOrigins origins;

	private final ThreadStartEvents.Opener opener;

	private final CatchUpMarkers markers = new CatchUpMarkers();

	private final StartEventHandler handler;

	private volatile CreationSiteTracking.State state = CreationSiteTracking.State.OFF;

	private volatile @Nullable String unavailableReason;

	/**
	 * Read by the reading thread without the tracker's monitor, which {@link #stop()}
	 * holds while it waits.
	 */
	private volatile @Nullable ThreadStartEvents events;

	private @Nullable Thread reader;

	/**
	 * A tracker that holds the creation sites of at most {@code maxThreads} live threads.
	 * Call {@link #start()}.
	 * @param maxThreads between 1 and {@link #MAX_THREADS_LIMIT}
	 */
	public CreationSiteTracker(int maxThreads) {
		this(maxThreads, ApplicationPackages.UNKNOWN);
	}

	/**
	 * A tracker that holds the creation sites of at most {@code maxThreads} live threads
	 * and names, in each, the application's own frame first (see
	 * {@link ApplicationPackages}). Call {@link #start()}.
	 * @param maxThreads between 1 and {@link #MAX_THREADS_LIMIT}
	 * @param application which code is the application's own
	 */
	public CreationSiteTracker(int maxThreads, ApplicationPackages application) {
		this(maxThreads, application, CreationSiteTracker::openJfr);
	}

	CreationSiteTracker(int maxThreads, ThreadStartEvents.Opener opener) {
		this(maxThreads, ApplicationPackages.UNKNOWN, opener);
	}

	CreationSiteTracker(int maxThreads, ApplicationPackages application, ThreadStartEvents.Opener opener) {
		if (maxThreads < 1 || maxThreads > MAX_THREADS_LIMIT) {
			throw new InvalidSettingException("creation-site.max-threads", maxThreads,
					"between 1 and " + MAX_THREADS_LIMIT);
		}
		this.origins = new LiveThreadOrigins(maxThreads, application);
		this.opener = opener;
		this.handler = new StartEventHandler(this.origins, this.markers, () -> this.events);
	}

	/** JFR's events, or a clear failure where this runtime has no JFR. */
	private static ThreadStartEvents openJfr(ThreadStartEvents.Handler handler) {
		if (ModuleLayer.boot().findModule("jdk.jfr").isEmpty()) {
			throw new IllegalStateException("this Java runtime has no jdk.jfr module");
		}
		return JfrThreadStartEvents.open(handler);
	}

	/**
	 * Starts recording thread starts; does nothing if already started. Where no recording
	 * can start, the tracker is {@link CreationSiteTracking.State#UNAVAILABLE} with the
	 * reason, and this method returns normally.
	 */
	@Override
	public synchronized void start() {
		if (this.reader != null || this.state == CreationSiteTracking.State.UNAVAILABLE) {
			return;
		}
		ThreadStartEvents opened;
		try {
			opened = this.opener.open(this.handler);
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
	 * Waits for the recording to begin, so that every thread started after
	 * {@link #start()} returns is seen, then takes the threads alive as started before:
	 * one started in between has its start delivered, which wins.
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
		this.origins.aliveBeforeStart(alive);
	}

	private void read(ThreadStartEvents opened) {
		try {
			opened.run();
		}
		catch (RuntimeException | Error ex) {
			// A stream that cannot run (a recording refused) ends tracking; the monitor
			// goes on without it.
			markUnavailable("the JFR event stream failed: " + ex);
		}
	}

	private void markUnavailable(String reason) {
		this.unavailableReason = reason;
		this.state = CreationSiteTracking.State.UNAVAILABLE;
		this.origins.clear();
	}

	/** Stops recording and waits up to ten seconds for the reading thread to end. */
	@Override
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
		this.origins.clear();
		this.origins.aliveBeforeStart(null);
	}

	/** Whether the reading thread runs. */
	@Override
	public synchronized boolean isRunning() {
		return this.reader != null;
	}

	@Override
	public void close() {
		stop();
	}

	/**
	 * Waits until the start of every thread that has begun running before this call has
	 * been delivered, at most {@code timeout}: JFR delivers events about once a second.
	 * (JDK 17 records a start when the new thread first runs, which may be just after
	 * {@code start()} returns; a leaked thread, blocked somewhere, has run.) Returns
	 * whether it caught up; {@code false} at once when not tracking. Markers are
	 * committed every {@value CatchUpMarkers#MARKER_PERIOD_MILLIS} ms until one is
	 * delivered.
	 */
	@Override
	public boolean awaitCatchUp(Duration timeout) throws InterruptedException {
		return this.markers.await(timeout, this::eventsWhileTracking);
	}

	private synchronized @Nullable ThreadStartEvents eventsWhileTracking() {
		return (this.state == CreationSiteTracking.State.TRACKING) ? this.events : null;
	}

	@Override
	public ThreadOrigin originOf(long threadId) {
		if (this.state != CreationSiteTracking.State.TRACKING) {
			return ThreadOrigin.UNTRACKED;
		}
		return this.origins.originOf(threadId);
	}

	@Override
	public CreationSiteTracking tracking() {
		CreationSiteTracking.State now = this.state;
		if (now == CreationSiteTracking.State.UNAVAILABLE) {
			return CreationSiteTracking.unavailable(String.valueOf(this.unavailableReason));
		}
		return new CreationSiteTracking(now, null, this.origins.held(), this.handler.threadStarts(),
				this.origins.forgotten(), this.handler.handlingNanos());
	}

	/**
	 * Tells {@code listener} of each thread start and end delivered from now on, on the
	 * reading thread, after this tracker has taken it in; {@code null} stops telling. One
	 * listener at a time: a second replaces the first.
	 */
	public void listen(@Nullable ThreadStartListener listener) {
		this.handler.listen(listener);
	}

	/**
	 * Names the application's frames with these packages in the sites of threads started
	 * from now on (a test run learns its test classes' common package as they run); the
	 * sites already known stay as they were.
	 */
	public void application(ApplicationPackages application) {
		this.origins.application(application);
	}

	/** Distinct frame lists held now: threads started from one place share one. */
	int sharedSites() {
		return this.origins.sharedSites();
	}

}
