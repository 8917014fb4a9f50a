package io.github.threadleaks.core;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.github.threadleaks.core.BlockedThreads.CONDITION_AWAIT;
import static io.github.threadleaks.core.BlockedThreads.DEADLINE;
import static io.github.threadleaks.core.BlockedThreads.NAME_PREFIX;
import static java.lang.Thread.State.BLOCKED;
import static java.lang.Thread.State.RUNNABLE;
import static java.lang.Thread.State.WAITING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every leak pattern of DESIGN.md, played by real threads blocked in the real JDK
 * primitive: one leaky request before each driven sample, then the checks that the leak's
 * group, and no other group in the JVM, is suspected with the figures that explain it,
 * and that the suspicion clears once the threads are released.
 */
class LeakPatternTests {

	private static final ThreadLeaksSettings SETTINGS = SteppedMonitor.SMALL_WINDOW;

	private static final int WINDOW = SETTINGS.window();

	/**
	 * ceil(0.5 * 7): the window's first sample with this many rises behind it is the
	 * first suspected one.
	 */
	private static final int REQUIRED_RISES = 4;

	private static final long INTERVAL_MILLIS = SETTINGS.sampleInterval().toMillis();

	private final BlockedThreads threads = new BlockedThreads();

	private final SteppedMonitor monitor = new SteppedMonitor(SETTINGS);

	@AfterEach
	void endEveryThread() {
		this.threads.close();
		assertThat(BlockedThreads.liveTestThreads()).as("test threads left alive").isEmpty();
	}

	@Test
	void forgottenSendersPileUpInSynchronousQueuePut() throws Exception {
		StackGroupReport leak = leakForAWindow(NAME_PREFIX + "sender-#", WAITING, 2, () -> {
			SynchronousQueue<Thread> replies = new SynchronousQueue<>();
			List<Thread> senders = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				senders.add(this.threads.start("sender", () -> replies.put(Thread.currentThread())));
			}
			// The caller takes the first reply and returns: the other two senders wait
			// forever for a receiver.
			Thread answered = replies.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(answered).as("a reply").isNotNull();
			BlockedThreads.awaitEnded(List.of(answered));
			senders.remove(answered);
			BlockedThreads.awaitState(senders, WAITING);
			return senders;
		});
		assertHasFrame(leak, "java.util.concurrent.SynchronousQueue.put");
		// The JDK call the senders wait in, and the code of ours that made it.
		assertThat(leak.blockedAt()).startsWith("java.util.concurrent.SynchronousQueue.put(")
			.contains(" from " + LeakPatternTests.class.getName() + ".lambda$");
		assertThat(leak.lock()).isNotNull();
		assertThat(leak.lock().name()).startsWith("java.util.concurrent.SynchronousQueue$");
		assertThat(leak.lock().ownerId()).as("a queue has no owner").isEqualTo(-1);
		releaseAndExpectCleared(leak);
	}

	@Test
	void abandonedReceiversPileUpInBlockingQueueTake() throws Exception {
		StackGroupReport leak = leakForAWindow(NAME_PREFIX + "receiver-#", WAITING, 1, () -> {
			BlockingQueue<String> nobodyWrites = new LinkedBlockingQueue<>();
			return List.of(this.threads.startBlocked("receiver", WAITING, nobodyWrites::take));
		});
		assertHasFrame(leak, "java.util.concurrent.LinkedBlockingQueue.take");
		releaseAndExpectCleared(leak);
	}

	@Test
	void abandonedReceiversPileUpInCompletableFutureGet() throws Exception {
		StackGroupReport leak = leakForAWindow(NAME_PREFIX + "awaiting-future-#", WAITING, 1, () -> {
			CompletableFuture<String> neverCompleted = new CompletableFuture<>();
			return List.of(this.threads.startBlocked("awaiting-future", WAITING, neverCompleted::get));
		});
		assertHasFrame(leak, "java.util.concurrent.CompletableFuture.get");
		releaseAndExpectCleared(leak);
	}

	/**
	 * A lock whose owner ended can never be taken again, and {@code lock()} ignores
	 * interrupts, so waiters in {@code lock()} could never be ended by the test: these
	 * wait in {@code lockInterruptibly()}, which parks the same way on the same lock and
	 * differs only in that frame.
	 */
	@Test
	void waitersPileUpOnAReentrantLockWhoseOwnerEndedWithoutUnlocking() throws Exception {
		ReentrantLock forgotten = new ReentrantLock();
		Thread owner = this.threads.start("lock-owner", forgotten::lock);
		BlockedThreads.awaitEnded(List.of(owner));
		StackGroupReport leak = leakForAWindow(NAME_PREFIX + "lock-waiter-#", WAITING, 1,
				() -> List.of(this.threads.startBlocked("lock-waiter", WAITING, forgotten::lockInterruptibly)));
		assertHasFrame(leak, "java.util.concurrent.locks.ReentrantLock.lockInterruptibly");
		// HotSpot on JDK 17 and 25 still names the owner of an
		// AbstractOwnableSynchronizer after that owner ended.
		assertThat(leak.lock())
			.isEqualTo(new LockReport(leak.lock().name(), BlockedThreads.idOf(owner), owner.getName(), false));
		assertThat(leak.lock().name()).startsWith("java.util.concurrent.locks.ReentrantLock$NonfairSync@");
		assertThat(leak.explanation())
			.endsWith("; lock owned by \"" + owner.getName() + "\", which has ended without unlocking it");
		releaseAndExpectCleared(leak);
	}

	@Test
	void waitersPileUpInReentrantLockLockHeldForeverByALiveOwner() throws Exception {
		ReentrantLock neverUnlocked = new ReentrantLock();
		CountDownLatch neverCountedDown = new CountDownLatch(1);
		Thread owner = this.threads.startBlocked("lock-holder", WAITING,
				() -> holdWhileWaiting(neverUnlocked, neverCountedDown));
		StackGroupReport leak = leakForAWindow(NAME_PREFIX + "lock-waiter-#", WAITING, 1,
				() -> List.of(this.threads.startBlocked("lock-waiter", WAITING, () -> lockAndUnlock(neverUnlocked))));
		assertHasFrame(leak, "java.util.concurrent.locks.ReentrantLock.lock");
		assertThat(leak.lock())
			.isEqualTo(new LockReport(leak.lock().name(), BlockedThreads.idOf(owner), owner.getName(), true));
		assertThat(leak.explanation()).endsWith("; lock owned by \"" + owner.getName() + "\"");
		releaseAndExpectCleared(leak);
	}

	@Test
	void waitersPileUpBlockedOnAMonitorHeldForeverByALiveOwner() throws Exception {
		Object monitor = new Object();
		CountDownLatch neverCountedDown = new CountDownLatch(1);
		Thread owner = this.threads.startBlocked("monitor-holder", WAITING, () -> {
			synchronized (monitor) {
				neverCountedDown.await();
			}
		});
		StackGroupReport leak = leakForAWindow(NAME_PREFIX + "monitor-waiter-#", BLOCKED, 1,
				() -> List.of(this.threads.startBlocked("monitor-waiter", BLOCKED, () -> enterAndLeave(monitor))));
		assertThat(leak.topFrame()).startsWith(LeakPatternTests.class.getName() + ".enterAndLeave(");
		assertThat(leak.lock())
			.isEqualTo(new LockReport(leak.lock().name(), BlockedThreads.idOf(owner), owner.getName(), true));
		assertThat(leak.lock().name()).startsWith("java.lang.Object@");
		releaseAndExpectCleared(leak);
	}

	@Test
	void waitersPileUpOnACountDownLatchCountedDownTooFewTimes() throws Exception {
		StackGroupReport leak = leakForAWindow(NAME_PREFIX + "latch-waiter-#", WAITING, 1, () -> {
			CountDownLatch fiveTasks = new CountDownLatch(5);
			Thread waiter = this.threads.startBlocked("latch-waiter", WAITING, fiveTasks::await);
			// Only three of the five tasks ever report done, as when Add and Done do not
			// match in Go.
			for (int i = 0; i < 3; i++) {
				fiveTasks.countDown();
			}
			return List.of(waiter);
		});
		assertHasFrame(leak, "java.util.concurrent.CountDownLatch.await");
		releaseAndExpectCleared(leak);
	}

	@Test
	void callsWithoutTimeoutPileUpInSocketReads() throws Exception {
		ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
		assumeTrue(threadBean.isThreadCpuTimeSupported() && threadBean.isThreadCpuTimeEnabled(),
				"a RUNNABLE thread is proven still by its CPU time, which this JVM does not measure");
		ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.threads.onClose(server::close);
		// A failure deadline, not a timing: each client connects at once.
		server.setSoTimeout((int) DEADLINE.toMillis());
		StackGroupReport leak = leakForAWindow(NAME_PREFIX + "http-client-#", RUNNABLE, 1, () -> {
			Socket client = new Socket();
			this.threads.onClose(client::close);
			Thread caller = this.threads.start("http-client",
					() -> callWithoutTimeout(client, server.getLocalSocketAddress()));
			// The server accepts the call and never answers it.
			Socket accepted = server.accept();
			this.threads.onClose(accepted::close);
			awaitBlockedInSocketRead(caller, threadBean);
			return List.of(caller);
		});
		assertHasFrame(leak, "java.net.Socket$SocketInputStream.read");
		assertThat(leak.topFrame()).endsWith("(Native Method)");
		assertThat(leak.lock()).isNull();
		releaseAndExpectCleared(leak);
	}

	@Test
	void workersPileUpPuttingIntoAFullQueueAfterTheCallerGaveUp() throws Exception {
		StackGroupReport leak = leakForAWindow(NAME_PREFIX + "result-sender-#", WAITING, 2, () -> {
			// The caller gave up waiting before any result came, so nobody ever takes
			// from its queue.
			BlockingQueue<String> results = new ArrayBlockingQueue<>(1);
			List<Thread> workers = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				workers.add(this.threads.start("result-sender", () -> results.put("result")));
			}
			BlockedThreads.await(() -> "one worker to fill the queue and end",
					() -> workers.stream().filter((worker) -> !worker.isAlive()).count() == 1);
			List<Thread> blocked = workers.stream().filter(Thread::isAlive).toList();
			BlockedThreads.awaitState(blocked, WAITING, CONDITION_AWAIT);
			return blocked;
		});
		assertHasFrame(leak, "java.util.concurrent.ArrayBlockingQueue.put");
		releaseAndExpectCleared(leak);
	}

	@Test
	void idleWorkersPileUpFromAnExecutorCreatedPerRequestAndNeverShutDown() throws Exception {
		StackGroupReport leak = leakForAWindow("pool-#-thread-#", WAITING, 2, () -> {
			ExecutorService perRequest = this.threads.shutDownOnClose(Executors.newFixedThreadPool(2));
			List<Thread> workers = new ArrayList<>();
			List<Future<Thread>> done = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				done.add(perRequest.submit(Thread::currentThread));
			}
			for (Future<Thread> task : done) {
				Thread worker = task.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
				this.threads.adopt(worker);
				workers.add(worker);
			}
			BlockedThreads.awaitState(workers, WAITING, CONDITION_AWAIT);
			return workers;
		});
		assertHasFrame(leak, "java.util.concurrent.ThreadPoolExecutor.getTask");
		// No frame of ours on an idle worker's stack: the first frame past the parking
		// machinery says what it awaits.
		assertThat(leak.blockedAt()).startsWith("java.util.concurrent.LinkedBlockingQueue.take(");
		releaseAndExpectCleared(leak);
	}

	@Test
	void deadlockedPairsPileUpAndAreMarkedDeadlocked() throws Exception {
		StackGroupReport leak = leakForAWindow(NAME_PREFIX + "deadlock-#", WAITING, 2, () -> {
			ReentrantLock left = new ReentrantLock();
			ReentrantLock right = new ReentrantLock();
			CountDownLatch bothHoldTheirFirst = new CountDownLatch(2);
			Thread one = startLockingInOrder(left, right, bothHoldTheirFirst);
			Thread two = startLockingInOrder(right, left, bothHoldTheirFirst);
			BlockedThreads.await(() -> "\"" + one.getName() + "\" and \"" + two.getName() + "\" to deadlock",
					() -> right.hasQueuedThread(one) && left.hasQueuedThread(two) && one.getState() == WAITING
							&& two.getState() == WAITING);
			return List.of(one, two);
		});
		List<Long> memberIds = this.monitor.monitor()
			.group(leak.id())
			.orElseThrow()
			.threads()
			.stream()
			.map(MemberThread::id)
			.toList();
		assertThat(this.monitor.monitor().report().deadlockedThreads()).containsAll(memberIds);
		assertThat(leak.deadlocked()).isEqualTo(leak.count());
		assertHasFrame(leak, "java.util.concurrent.locks.ReentrantLock.lockInterruptibly");
		assertThat(leak.lock()).isNotNull();
		assertThat(leak.lock().ownerAlive()).isTrue();
		assertThat(leak.lock().ownerName()).startsWith(NAME_PREFIX + "deadlock-");
		assertThat(leak.explanation()).endsWith("; " + leak.count() + " deadlocked");
		releaseAndExpectCleared(leak);
	}

	@Test
	void aLeakStaysSuspectedWhileItPausesAndClearsOnlyWhenItsCountFallsBack() throws Exception {
		List<Thread> receivers = new ArrayList<>();
		StackGroupReport leak = leakForAWindow(NAME_PREFIX + "receiver-#", WAITING, 2, () -> {
			BlockingQueue<String> nobodyWrites = new LinkedBlockingQueue<>();
			List<Thread> left = List.of(this.threads.startBlocked("receiver", WAITING, nobodyWrites::take),
					this.threads.startBlocked("receiver", WAITING, nobodyWrites::take));
			receivers.addAll(left);
			return left;
		});
		// Suspected since sample 5, where the window [2, 4, 6, 8, 10] first held 4 rises:
		// the baseline is 2.
		StackGroupReport stillSuspected = leak;
		for (int paused = 1; paused <= 2 * WINDOW; paused++) {
			ThreadLeakReport report = this.monitor.sample();
			assertThat(report.suspects()).as("suspects after %d samples without growth", paused)
				.extracting(StackGroupReport::id)
				.containsExactly(leak.id());
			stillSuspected = report.suspects().get(0);
			assertThat(stillSuspected.count()).isEqualTo(2 * WINDOW);
			assertThat(stillSuspected.suspectedForMillis()).as("suspected since sample %d", REQUIRED_RISES + 1)
				.isEqualTo((WINDOW + paused - (REQUIRED_RISES + 1)) * INTERVAL_MILLIS);
		}
		assertThat(stillSuspected.history()).as("a window without growth").containsOnly(2 * WINDOW);
		assertThat(stillSuspected.growth()).isZero();
		// The figures of the last window that held the rule: [8, 10, 12, 14, 16, 16, 16,
		// 16].
		assertThat(stillSuspected.evidence())
			.isEqualTo(new Evidence(INTERVAL_MILLIS, WINDOW, 8, 16, 8, SETTINGS.minGrowth(), REQUIRED_RISES,
					REQUIRED_RISES, 1.0, SETTINGS.minStuckShare(), SETTINGS.minStillSamples(), 16, false, WINDOW - 1));
		// Down to baseline + min-growth (2 + 4) is not yet back: still suspected.
		this.threads.end(receivers.subList(0, 10));
		assertThat(this.monitor.sample().suspects()).extracting(StackGroupReport::id, StackGroupReport::count)
			.containsExactly(tuple(leak.id(), 6));
		this.threads.end(receivers.subList(10, 11));
		ThreadLeakReport fallenBack = this.monitor.sample();
		assertThat(fallenBack.status()).isEqualTo(LeakStatus.OK);
		assertThat(SteppedMonitor.groupNamed(fallenBack, leak.name()).count()).isEqualTo(5);
		releaseAndExpectCleared(leak);
	}

	@Test
	void aLeakTooSlowForTheWindowIsCaughtOnTheCoarserHorizon() throws Exception {
		ThreadLeaksSettings settings = ThreadLeaksSettings.builder()
			.window(6)
			.minGrowth(4)
			.minRiseShare(0.5)
			.horizons(2)
			.horizonFactor(3)
			.build();
		SteppedMonitor slow = new SteppedMonitor(settings);
		BlockingQueue<String> nobodyWrites = new LinkedBlockingQueue<>();
		ThreadLeakReport report = null;
		// One thread every third sample: at most 2 within any window of 6, never the 4
		// the window needs.
		for (int sample = 1; sample <= 15; sample++) {
			if (sample % 3 == 1) {
				this.threads.startBlocked("slow-receiver", WAITING, nobodyWrites::take);
			}
			report = slow.sample();
			if (sample < 15) {
				assertThat(report.suspects()).as("suspects at sample %d", sample).isEmpty();
			}
		}
		// At sample 15 the coarse horizon's fifth point (the lowest count of samples 13
		// to 15) completes [1..5].
		assertThat(report.suspects()).extracting(StackGroupReport::name)
			.containsExactly(NAME_PREFIX + "slow-receiver-#");
		StackGroupReport leak = report.suspects().get(0);
		assertThat(leak.count()).isEqualTo(5);
		assertThat(leak.history()).as("the raw window").containsExactly(4, 4, 4, 5, 5, 5);
		assertThat(leak.growth()).isLessThan(settings.minGrowth());
		assertThat(leak.evidence()).isEqualTo(new Evidence(3 * settings.sampleInterval().toMillis(), 5, 1, 5, 4, 4, 4,
				3, 1.0, settings.minStuckShare(), settings.minStillSamples(), 4, false, 12));
		assertThat(leak.explanation()).contains("over 5 points of 30s");
		this.threads.close();
		assertThat(slow.sample().status()).isEqualTo(LeakStatus.OK);
	}

	/**
	 * Sends one leaky request before each sample for a whole window and checks that the
	 * leak's group, and no other group, is suspected from the first sample whose window
	 * holds the required rises, with the exact figures.
	 */
	private StackGroupReport leakForAWindow(String groupName, Thread.State state, int threadsPerRequest,
			LeakyRequest request) throws Exception {
		List<String> leaked = new ArrayList<>();
		ThreadLeakReport report = null;
		for (int sample = 1; sample <= WINDOW; sample++) {
			List<Thread> left = request.send();
			assertThat(left).as("threads left by request %d", sample).hasSize(threadsPerRequest);
			left.forEach((thread) -> leaked.add(thread.getName()));
			report = this.monitor.sample();
			if (sample <= REQUIRED_RISES) {
				assertThat(report.suspects()).as("suspects at sample %d, with %d rises", sample, sample - 1).isEmpty();
			}
			else {
				assertThat(report.suspects()).as("suspects at sample %d", sample)
					.extracting(StackGroupReport::name)
					.containsExactly(groupName);
			}
		}
		int count = threadsPerRequest * WINDOW;
		StackGroupReport leak = report.suspects().get(0);
		assertThat(report.status()).isEqualTo(LeakStatus.LEAK_SUSPECTED);
		assertThat(leak.state()).isEqualTo(state);
		assertThat(leak.count()).isEqualTo(count);
		assertThat(this.monitor.memberNames(leak)).containsExactlyInAnyOrderElementsOf(leaked);
		assertThat(leak.history()).containsExactlyElementsOf(series(threadsPerRequest));
		assertThat(leak.growth()).isEqualTo(count - threadsPerRequest);
		assertThat(leak.stuck()).as("members stuck for 3 samples: all but the last three requests'")
			.isEqualTo(count - 3 * threadsPerRequest);
		assertThat(leak.stuckForMillis()).as("the first request's threads sat still since their first sample")
			.isEqualTo((WINDOW - 1) * INTERVAL_MILLIS);
		assertThat(leak.evidence())
			.isEqualTo(new Evidence(INTERVAL_MILLIS, WINDOW, threadsPerRequest, count, count - threadsPerRequest,
					SETTINGS.minGrowth(), WINDOW - 1, REQUIRED_RISES, 1.0, SETTINGS.minStuckShare(),
					SETTINGS.minStillSamples(), count - 3 * threadsPerRequest, false, WINDOW - 1));
		// The first five requests' members have sat still for at least 3 samples; the
		// last three not yet.
		assertThat(leak.explanation())
			.startsWith(count + " threads " + state + ", oldest stuck 1m10s, " + (count - 3 * threadsPerRequest)
					+ " of " + count + " stuck for >= 3 samples; suspected: " + leak.evidence().describe());
		return leak;
	}

	/**
	 * Ends every thread the test started and checks that the next sample clears the
	 * suspicion.
	 */
	private void releaseAndExpectCleared(StackGroupReport leak) throws Exception {
		this.threads.close();
		ThreadLeakReport report = this.monitor.sample();
		assertThat(report.status()).isEqualTo(LeakStatus.OK);
		assertThat(report.suspects()).isEmpty();
		assertThat(report.groups()).extracting(StackGroupReport::id).doesNotContain(leak.id());
	}

	private static List<Integer> series(int threadsPerRequest) {
		List<Integer> series = new ArrayList<>();
		for (int sample = 1; sample <= WINDOW; sample++) {
			series.add(sample * threadsPerRequest);
		}
		return series;
	}

	private static void assertHasFrame(StackGroupReport group, String qualifiedMethod) {
		assertThat(group.frames()).as("frames of %s", group.name())
			.anySatisfy((frame) -> assertThat(frame).startsWith(qualifiedMethod + "("));
	}

	private Thread startLockingInOrder(Lock first, Lock second, CountDownLatch bothHoldTheirFirst) {
		return this.threads.start("deadlock", () -> {
			first.lockInterruptibly();
			try {
				bothHoldTheirFirst.countDown();
				bothHoldTheirFirst.await();
				// Interruptible, so that the test can end a deadlock, which a monitor
				// would not allow.
				second.lockInterruptibly();
				second.unlock();
			}
			finally {
				first.unlock();
			}
		});
	}

	private static void holdWhileWaiting(Lock lock, CountDownLatch latch) throws InterruptedException {
		lock.lock();
		try {
			latch.await();
		}
		finally {
			lock.unlock();
		}
	}

	private static void lockAndUnlock(Lock lock) {
		lock.lock();
		lock.unlock();
	}

	private static void enterAndLeave(Object monitor) {
		synchronized (monitor) {
			// Entered only once the owner lets go.
		}
	}

	private static void callWithoutTimeout(Socket client, SocketAddress server) throws Exception {
		client.connect(server);
		client.getInputStream().read();
	}

	/**
	 * Waits until the caller sits in the socket read's own native call, where its CPU
	 * time stands.
	 */
	private static void awaitBlockedInSocketRead(Thread caller, ThreadMXBean threadBean) {
		long id = BlockedThreads.idOf(caller);
		BlockedThreads.await(() -> "\"" + caller.getName() + "\" to block in a socket read, it is at "
				+ Arrays.toString(caller.getStackTrace()), () -> {
					StackTraceElement[] stack = caller.getStackTrace();
					// The NIO socket's native read, not any native call on the way to it
					// (Thread.currentThread).
					boolean inRead = stack.length > 0 && stack[0].isNativeMethod()
							&& stack[0].getClassName().startsWith("sun.nio.ch.")
							&& Arrays.stream(stack)
								.anyMatch((frame) -> frame.getClassName().equals("java.net.Socket$SocketInputStream")
										&& frame.getMethodName().equals("read"));
					if (!inRead) {
						return false;
					}
					long before = threadBean.getThreadCpuTime(id);
					Thread.yield();
					return threadBean.getThreadCpuTime(id) == before;
				});
	}

	/** One request of a leaky service: returns the threads it left blocked behind it. */
	@FunctionalInterface
	private interface LeakyRequest {

		List<Thread> send() throws Exception;

	}

}
