package io.github.threadleaks.core.creation;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.threadleaks.core.CreationSite;
import io.github.threadleaks.core.CreationSiteTracking;
import io.github.threadleaks.core.JvmThreadSource;
import io.github.threadleaks.core.StackFrame;
import io.github.threadleaks.core.StackGroupReport;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.ThreadLeakReport;
import io.github.threadleaks.core.ThreadLeaksSettings;
import io.github.threadleaks.core.ThreadOrigin;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creation sites from real JFR thread start events, read by a real recording stream. Each
 * test waits for the stream to catch up (a marker event of our own) instead of sleeping.
 */
class CreationSiteTrackerTests {

	private static final Duration CATCH_UP = Duration.ofSeconds(30);

	private final CountDownLatch release = new CountDownLatch(1);

	private final List<Thread> started = new ArrayList<>();

	private final List<ExecutorService> executors = new ArrayList<>();

	private final CreationSiteTracker tracker = new CreationSiteTracker(10_000);

	@AfterEach
	void cleanUp() throws InterruptedException {
		this.release.countDown();
		for (Thread thread : this.started) {
			thread.join(10_000);
		}
		for (ExecutorService executor : this.executors) {
			executor.shutdownNow();
			executor.awaitTermination(10, TimeUnit.SECONDS);
		}
		this.tracker.stop();
	}

	@Test
	void leakStartedFromAKnownMethodNamesThatMethodAsItsGroupsCreationSite() throws InterruptedException {
		startTracking();
		startBlockedThreads("known-site-leak-", 3);
		assertThat(this.tracker.awaitCatchUp(CATCH_UP)).isTrue();

		StackGroupReport group = groupNamed(monitor().sample(), "known-site-leak-#");

		assertThat(group.creationSites()).hasSize(1);
		CreationSite site = group.creationSites().get(0);
		assertThat(site.threads()).isEqualTo(3);
		assertThat(site.site()).startsWith(getClass().getName() + ".startBlockedThreads(line ");
		assertThat(site.frames().get(0)).isEqualTo(site.site());
		assertThat(site.frames()).anyMatch((frame) -> frame
			.startsWith(getClass().getName() + ".leakStartedFromAKnownMethodNamesThatMethodAsItsGroupsCreationSite("));
		assertThat(group.createdBy()).isEqualTo(site.site());
	}

	@Test
	void executorCreatedPerCallNamesTheCallSiteOfItsFirstSubmit() throws Exception {
		startTracking();
		submitToANewExecutor();
		submitToANewExecutor();
		assertThat(this.tracker.awaitCatchUp(CATCH_UP)).isTrue();

		StackGroupReport group = groupNamed(monitor().sample(), "pool-#-thread-#");

		assertThat(group.count()).isEqualTo(2);
		assertThat(group.creationSites()).singleElement().satisfies((site) -> {
			assertThat(site.site()).startsWith(getClass().getName() + ".submitToANewExecutor(line ");
			assertThat(site.threads()).isEqualTo(2);
		});
	}

	@Test
	void threadsAliveBeforeTrackingAreSaidToBeCreatedBeforeMonitoringStarted() throws InterruptedException {
		Thread before = startBlockedThreads("started-before-", 1).get(0);
		startTracking();
		Thread after = startBlockedThreads("started-after-", 1).get(0);
		assertThat(this.tracker.awaitCatchUp(CATCH_UP)).isTrue();

		assertThat(this.tracker.originOf(id(before))).isEqualTo(ThreadOrigin.BEFORE_MONITORING);
		assertThat(this.tracker.originOf(id(after)).kind()).isEqualTo(ThreadOrigin.Kind.STARTED_AT);
		assertThat(groupNamed(monitor().sample(), "started-before-#").creationSites())
			.containsExactly(new CreationSite("(created before monitoring started)", List.of(), 1));
	}

	@Test
	void endedThreadsAreForgottenAndThreadsStartedFromOnePlaceShareOneSite() throws InterruptedException {
		startTracking();
		int before = this.tracker.tracking().trackedThreads();
		for (int i = 0; i < 200; i++) {
			Thread thread = new Thread(() -> {
			}, "short-lived-" + i);
			thread.start();
			thread.join();
		}
		List<Thread> alive = startBlockedThreads("held-", 50);
		assertThat(this.tracker.awaitCatchUp(CATCH_UP)).isTrue();

		CreationSiteTracking tracking = this.tracker.tracking();
		assertThat(tracking.threadStarts()).isGreaterThanOrEqualTo(250);
		assertThat(tracking.trackedThreads()).isBetween(50, before + 50 + 10);
		assertThat(this.tracker.originOf(id(alive.get(0)))).isSameAs(this.tracker.originOf(id(alive.get(49))));
		assertThat(tracking.handlingNanos()).isPositive();
	}

	@Test
	void holdsAtMostMaxThreadsForgettingTheOldestFirst() throws InterruptedException {
		try (CreationSiteTracker bounded = new CreationSiteTracker(20)) {
			bounded.start();
			assertThat(bounded.awaitCatchUp(CATCH_UP)).isTrue();
			List<Thread> alive = startBlockedThreads("bounded-", 60);
			assertThat(bounded.awaitCatchUp(CATCH_UP)).isTrue();

			CreationSiteTracking tracking = bounded.tracking();
			assertThat(tracking.trackedThreads()).isEqualTo(20);
			assertThat(tracking.forgottenThreads()).isGreaterThanOrEqualTo(40);
			assertThat(bounded.originOf(id(alive.get(0)))).isEqualTo(ThreadOrigin.FORGOTTEN_OR_NOT_YET_KNOWN);
			assertThat(bounded.originOf(id(alive.get(59))).kind()).isEqualTo(ThreadOrigin.Kind.STARTED_AT);
		}
	}

	@Test
	void stopsLeavingNoThreadAndNoRecordingOfItsOwn() throws InterruptedException {
		int recordingsBefore = FlightRecorder.getFlightRecorder().getRecordings().size();
		startTracking();
		assertThat(threadNamed(CreationSiteTracker.THREAD_NAME)).isTrue();
		assertThat(FlightRecorder.getFlightRecorder().getRecordings()).hasSize(recordingsBefore + 1);

		this.tracker.stop();

		assertThat(threadNamed(CreationSiteTracker.THREAD_NAME)).isFalse();
		assertThat(FlightRecorder.getFlightRecorder().getRecordings()).hasSize(recordingsBefore);
		assertThat(this.tracker.tracking().state()).isEqualTo(CreationSiteTracking.State.STOPPED);
		assertThat(this.tracker.originOf(1)).isEqualTo(ThreadOrigin.UNTRACKED);
	}

	@Test
	void aRecordingOfTheUsersOwnRunsOnWithItsOwnSettings() throws InterruptedException {
		// What `jcmd JFR.start` does: a recording started before ours, with settings of
		// its own.
		try (Recording user = new Recording()) {
			user.enable("jdk.CPULoad").withPeriod(Duration.ofSeconds(1));
			Map<String, String> settings = Map.copyOf(user.getSettings());
			user.start();

			startTracking();
			this.tracker.stop();

			assertThat(user.getState()).isEqualTo(RecordingState.RUNNING);
			assertThat(user.getSettings()).isEqualTo(settings);
			assertThat(FlightRecorder.getFlightRecorder().getRecordings()).contains(user);
		}
	}

	@Test
	void whereNoRecordingCanStartTrackingIsUnavailableWithTheReasonAndSamplingGoesOn() {
		// A JVM without JFR cannot be had on demand here: the seam makes opening the
		// stream throw as it would.
		try (CreationSiteTracker unavailable = new CreationSiteTracker(100, (handler) -> {
			throw new IllegalStateException("Flight Recorder is disabled");
		})) {
			unavailable.start();

			CreationSiteTracking tracking = unavailable.tracking();
			assertThat(tracking.state()).isEqualTo(CreationSiteTracking.State.UNAVAILABLE);
			assertThat(tracking.reason()).isEqualTo(
					"no JFR recording could be started: java.lang.IllegalStateException: Flight Recorder is disabled");
			assertThat(unavailable.isRunning()).isFalse();
			startBlockedThreads("untracked-", 2);
			ThreadLeakReport report = new ThreadLeakMonitor(ThreadLeaksSettings.builder().build(),
					new JvmThreadSource(), Clock.systemUTC(), unavailable)
				.sample();
			assertThat(report.creationSiteTracking()).isEqualTo(tracking);
			assertThat(groupNamed(report, "untracked-#").creationSites()).isEmpty();
			assertThat(groupNamed(report, "untracked-#").count()).isEqualTo(2);
		}
	}

	@Test
	void endsJfrsChunkEveryTenThousandStartsSoThatItsReaderLetsGoOfTheirThreads() {
		// Counting chunk rotations needs a stand-in stream; CreationSiteSoak shows the
		// heap they keep flat for real.
		List<String> calls = new CopyOnWriteArrayList<>();
		CountDownLatch closed = new CountDownLatch(1);
		ThreadStartEvents.Handler[] handler = new ThreadStartEvents.Handler[1];
		try (CreationSiteTracker counted = new CreationSiteTracker(100, (given) -> {
			handler[0] = given;
			return new StandInEvents(calls, closed);
		})) {
			counted.start();
			StackFrame site = new StackFrame("com.example.Churn", "start", null, 7);
			for (int i = 0; i < 2 * StartEventHandler.ROTATE_EVERY_STARTS + 1; i++) {
				handler[0].started(1_000_000 + i, List.of(site));
				handler[0].ended(1_000_000 + i);
			}
			assertThat(calls).containsExactly("rotate", "rotate");
			assertThat(counted.tracking().threadStarts()).isEqualTo(2L * StartEventHandler.ROTATE_EVERY_STARTS + 1);
			assertThat(counted.tracking().trackedThreads()).isZero();
		}
		assertThat(calls).endsWith("close");
	}

	@Test
	void aMonitorWithoutTrackingReportsItOff() {
		startBlockedThreads("no-tracking-", 1);
		ThreadLeakReport report = new ThreadLeakMonitor(ThreadLeaksSettings.builder().build()).sample();
		assertThat(report.creationSiteTracking()).isEqualTo(CreationSiteTracking.OFF);
		assertThat(groupNamed(report, "no-tracking-#").creationSites()).isEmpty();
		assertThat(groupNamed(report, "no-tracking-#").createdBy()).isEmpty();
	}

	@Test
	void trimsTheJdksThreadStartingFramesAndKeepsAStackOfJdkFramesWhole() {
		StackFrame start = new StackFrame("java.lang.Thread", "start", null, 800);
		StackFrame addWorker = new StackFrame("java.util.concurrent.ThreadPoolExecutor", "addWorker", null, 945);
		StackFrame user = new StackFrame("com.example.Orders", "submit", null, 42);
		assertThat(LiveThreadOrigins.trimmed(List.of(start, addWorker, user))).containsExactly(user);
		assertThat(LiveThreadOrigins.trimmed(List.of(start, addWorker))).containsExactly(start, addWorker);
		List<StackFrame> deep = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			deep.add(new StackFrame("com.example.Deep", "call" + i, null, i + 1));
		}
		assertThat(LiveThreadOrigins.trimmed(deep)).hasSize(LiveThreadOrigins.MAX_FRAMES).startsWith(deep.get(0));
		assertThat(LiveThreadOrigins.text(user)).isEqualTo("com.example.Orders.submit(line 42)");
	}

	private void startTracking() {
		this.tracker.start();
		assertThat(this.tracker.tracking().state()).isEqualTo(CreationSiteTracking.State.TRACKING);
	}

	private ThreadLeakMonitor monitor() {
		return new ThreadLeakMonitor(ThreadLeaksSettings.builder().build(), new JvmThreadSource(), Clock.systemUTC(),
				this.tracker);
	}

	private List<Thread> startBlockedThreads(String prefix, int count) {
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Thread thread = new Thread(this::awaitRelease, prefix + i);
			thread.setDaemon(true);
			thread.start();
			threads.add(thread);
		}
		this.started.addAll(threads);
		for (Thread thread : threads) {
			awaitState(thread, Thread.State.WAITING);
		}
		return threads;
	}

	private void submitToANewExecutor() throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(1);
		this.executors.add(executor);
		executor.submit(() -> "done").get();
	}

	private void awaitRelease() {
		try {
			this.release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void awaitState(Thread thread, Thread.State state) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (thread.getState() != state) {
			assertThat(System.nanoTime()).as(thread.getName() + " to reach " + state).isLessThan(deadline);
			Thread.onSpinWait();
		}
	}

	private static StackGroupReport groupNamed(ThreadLeakReport report, String name) {
		return report.groups()
			.stream()
			.filter((group) -> group.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no group " + name + " in " + report.groups()));
	}

	@SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; this code runs on
										// 17.
	private static long id(Thread thread) {
		return thread.getId();
	}

	private static boolean threadNamed(String name) {
		return Arrays
			.stream(ManagementFactory.getThreadMXBean()
				.getThreadInfo(ManagementFactory.getThreadMXBean().getAllThreadIds()))
			.anyMatch((info) -> info != null && info.getThreadName().equals(name));
	}

	/**
	 * A stream that delivers nothing by itself: the test calls the handler, and it
	 * records what it is asked.
	 */
	private record StandInEvents(List<String> calls, CountDownLatch closed) implements ThreadStartEvents {

		@Override
		public void run() {
			try {
				this.closed.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		@Override
		public boolean awaitRecording(Duration timeout) {
			return true;
		}

		@Override
		public void commitMarker(long token) {
		}

		@Override
		public void rotate() {
			this.calls.add("rotate");
		}

		@Override
		public void close() {
			this.calls.add("close");
			this.closed.countDown();
		}

	}

}
