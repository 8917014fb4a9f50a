package io.github.threadleaks.reachability;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.threadleaks.core.GroupDetail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Verdicts on real threads blocked in real JDK primitives, from real heap dumps of this
 * JVM. Each leak is set up in a method of its own, so that no frame of the test thread
 * keeps what the threads wait on.
 */
class ReachabilityAnalyzerTests {

	private final LeakyThreads threads = new LeakyThreads();

	@AfterEach
	void release() throws InterruptedException {
		this.threads.release();
		PendingReplies.REPLIES.values().forEach((reply) -> reply.complete("released"));
		PendingReplies.REPLIES.clear();
		PendingReplies.FORGETFUL.forEach((reply) -> {
			CompletableFuture<String> future = reply.get();
			if (future != null) {
				future.complete("released");
			}
		});
		PendingReplies.FORGETFUL.clear();
		synchronized (PendingReplies.BY_LIVE_KEY) {
			PendingReplies.BY_LIVE_KEY.values().forEach((reply) -> reply.complete("released"));
			PendingReplies.BY_LIVE_KEY.clear();
		}
		PendingReplies.LIVE_KEYS.clear();
	}

	@Test
	void aFutureOnlyTheWaitingThreadHoldsIsUnreachable() {
		for (int i = 0; i < 3; i++) {
			this.threads.start("orphan-future", Thread.State.WAITING, () -> new CompletableFuture<String>().get());
		}
		ReachabilityVerdict verdict = new ReachabilityAnalyzer().analyze(LeakyThreads.group("orphan-future"));
		assertThat(verdict.verdict()).as(verdict.explanation()).isEqualTo(Verdict.UNREACHABLE);
		assertThat(verdict.blockerClass()).isEqualTo("java.util.concurrent.CompletableFuture$Signaller");
		assertThat(verdict.threads()).isEqualTo(3);
		assertThat(verdict.path()).isEmpty();
		assertThat(verdict.heapDumpBytes()).isPositive();
		assertThat(verdict.explanation()).contains("nothing can ever wake them");
	}

	@Test
	void theWorkersOfAnExecutorNobodyReferencesAreUnreachable() {
		startUnreferencedExecutor(2);
		this.threads.awaitAll("idle-worker", 2, Thread.State.WAITING);
		ReachabilityVerdict verdict = new ReachabilityAnalyzer().analyze(LeakyThreads.group("idle-worker"));
		assertThat(verdict.verdict()).as(verdict.pathText()).isEqualTo(Verdict.UNREACHABLE);
		assertThat(verdict.blockerClass())
			.isEqualTo("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject");
		assertThat(verdict.threads()).isEqualTo(2);
	}

	@Test
	void futuresKeptInAStaticMapAreReachableThroughTheField() {
		for (int i = 0; i < 3; i++) {
			int key = i;
			this.threads.start("pending-reply", Thread.State.WAITING, () -> PendingReplies.await(key));
		}
		ReachabilityVerdict verdict = new ReachabilityAnalyzer().analyze(LeakyThreads.group("pending-reply"));
		assertThat(verdict.verdict()).isEqualTo(Verdict.REACHABLE);
		assertThat(verdict.threads()).isEqualTo(3);
		assertThat(verdict.path().get(0))
			.isEqualTo(new PathStep("static field " + PendingReplies.class.getName() + ".REPLIES",
					"java.util.concurrent.ConcurrentHashMap"));
		assertThat(verdict.path()).extracting(PathStep::target).contains("java.util.concurrent.CompletableFuture");
		assertThat(verdict.path().get(verdict.path().size() - 1).target()).isEqualTo(verdict.blockerClass());
		assertThat(verdict.explanation()).contains("static field " + PendingReplies.class.getName() + ".REPLIES");
	}

	@Test
	void aFutureHeldElsewhereOnlyThroughWeakOrSoftReferencesIsUnreachable() {
		// The waiting thread's stack keeps the future strongly alive, so the collector
		// clears neither reference before the dump.
		for (boolean soft : new boolean[] { false, true }) {
			this.threads.start("forgotten-reply", Thread.State.WAITING, () -> PendingReplies.awaitForgotten(soft));
		}
		ReachabilityVerdict verdict = new ReachabilityAnalyzer().analyze(LeakyThreads.group("forgotten-reply"));
		assertThat(verdict.verdict()).as(verdict.pathText()).isEqualTo(Verdict.UNREACHABLE);
		assertThat(verdict.threads()).isEqualTo(2);
		assertThat(PendingReplies.FORGETFUL).allSatisfy((reply) -> assertThat(reply.get()).isNotNull());
	}

	@Test
	void aFutureThatAWeakKeyedMapHoldsAsAValueIsReachable() {
		this.threads.start("keyed-reply", Thread.State.WAITING, PendingReplies::awaitByLiveKey);
		ReachabilityVerdict verdict = new ReachabilityAnalyzer().analyze(LeakyThreads.group("keyed-reply"));
		assertThat(verdict.verdict()).isEqualTo(Verdict.REACHABLE);
		assertThat(verdict.path().get(0).reference())
			.isEqualTo("static field " + PendingReplies.class.getName() + ".BY_LIVE_KEY");
		assertThat(verdict.path()).extracting(PathStep::reference).contains("field WeakHashMap$Entry.value");
	}

	@Test
	void aLatchThatALiveScheduledTaskWillCountDownIsReachable() {
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(this.threads.factory("timer"));
		try {
			awaitLatchCountedDownLater(scheduler);
			ReachabilityVerdict verdict = new ReachabilityAnalyzer().analyze(LeakyThreads.group("latch-waiter"));
			assertThat(verdict.verdict()).isEqualTo(Verdict.REACHABLE);
			assertThat(verdict.blockerClass()).isEqualTo("java.util.concurrent.CountDownLatch$Sync");
			assertThat(verdict.path()).extracting(PathStep::target)
				.anyMatch((target) -> target.contains("ScheduledFutureTask"));
		}
		finally {
			scheduler.shutdownNow();
		}
	}

	@Test
	void anObjectWaitOnAMonitorOnlyTheWaitersHoldIsUnreachable() {
		for (int i = 0; i < 2; i++) {
			this.threads.start("orphan-monitor", Thread.State.WAITING, () -> {
				Object monitor = new Object();
				synchronized (monitor) {
					monitor.wait();
				}
			});
		}
		ReachabilityVerdict verdict = new ReachabilityAnalyzer().analyze(LeakyThreads.group("orphan-monitor"));
		assertThat(verdict.verdict()).as(verdict.pathText()).isEqualTo(Verdict.UNREACHABLE);
		assertThat(verdict.blockerClass()).isEqualTo("java.lang.Object");
		assertThat(verdict.threads()).isEqualTo(2);
	}

	@Test
	void anObjectWaitOnAMonitorInAStaticFieldIsReachable() {
		this.threads.start("static-monitor", Thread.State.WAITING, () -> {
			synchronized (PendingReplies.MONITOR) {
				PendingReplies.MONITOR.wait();
			}
		});
		ReachabilityVerdict verdict = new ReachabilityAnalyzer().analyze(LeakyThreads.group("static-monitor"));
		assertThat(verdict.verdict()).isEqualTo(Verdict.REACHABLE);
		assertThat(verdict.path()).first()
			.isEqualTo(new PathStep("static field " + PendingReplies.class.getName() + ".MONITOR", "java.lang.Object"));
	}

	@Test
	void aSocketReadWithoutTimeoutIsNotApplicableAndTakesNoDump() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			AtomicReference<Socket> client = new AtomicReference<>();
			Thread reader = this.threads.start("socket-reader", Thread.State.RUNNABLE, () -> {
				try (Socket socket = new Socket(server.getInetAddress(), server.getLocalPort())) {
					client.set(socket);
					InputStream in = socket.getInputStream();
					in.read();
				}
			});
			try (Socket accepted = server.accept()) {
				assertThat(accepted.isConnected()).isTrue();
				LeakyThreads.await(() -> Arrays.stream(reader.getStackTrace())
					.anyMatch((frame) -> frame.getMethodName().contains("read")
							&& frame.getClassName().contains("Socket")),
						"the reader to sit in a socket read");
				ReachabilityVerdict verdict = new ReachabilityAnalyzer().analyze(LeakyThreads.group("socket-reader"));
				assertThat(verdict.verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
				assertThat(verdict.heapDumpBytes()).isZero();
				assertThat(verdict.explanation()).contains("RUNNABLE");
			}
			finally {
				client.get().close();
			}
		}
	}

	@Test
	void theDumpFileIsGoneAfterTheAnalysis() {
		this.threads.start("orphan-future", Thread.State.WAITING, () -> new CompletableFuture<String>().get());
		AtomicReference<Path> dumped = new AtomicReference<>();
		ReachabilityAnalyzer analyzer = new ReachabilityAnalyzer((file) -> {
			HeapDumper.hotSpot().dump(file);
			dumped.set(file);
		});
		ReachabilityVerdict verdict = analyzer.analyze(LeakyThreads.group("orphan-future"));
		assertThat(verdict.verdict()).isEqualTo(Verdict.UNREACHABLE);
		assertThat(dumped.get()).doesNotExist();
		assertThat(dumped.get().getParent()).doesNotExist();
	}

	@Test
	void theDumpFileIsGoneAfterAFailedAnalysisAndTheNextAnalysisRuns() {
		this.threads.start("orphan-future", Thread.State.WAITING, () -> new CompletableFuture<String>().get());
		GroupDetail group = LeakyThreads.group("orphan-future");
		AtomicReference<Path> dumped = new AtomicReference<>();
		// A real dump cut short, as a full disk leaves it: the reader fails on it.
		ReachabilityAnalyzer analyzer = new ReachabilityAnalyzer((file) -> {
			HeapDumper.hotSpot().dump(file);
			dumped.set(file);
			try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
				channel.truncate(Files.size(file) / 2);
			}
		});
		assertThatThrownBy(() -> analyzer.analyze(group)).isInstanceOf(RuntimeException.class);
		assertThat(dumped.get()).doesNotExist();
		assertThat(dumped.get().getParent()).doesNotExist();
		ReachabilityAnalyzer cleanDumps = new ReachabilityAnalyzer(HeapDumper.hotSpot());
		assertThat(cleanDumps.analyze(group).verdict()).isEqualTo(Verdict.UNREACHABLE);
	}

	@Test
	void aSecondRequestIsRefusedWhileOneRuns() throws Exception {
		this.threads.start("orphan-future", Thread.State.WAITING, () -> new CompletableFuture<String>().get());
		GroupDetail group = LeakyThreads.group("orphan-future");
		CountDownLatch dumped = new CountDownLatch(1);
		CountDownLatch proceed = new CountDownLatch(1);
		// The real dump, held open after it is written so that the first analysis is
		// certainly still running.
		ReachabilityAnalyzer analyzer = new ReachabilityAnalyzer((file) -> {
			HeapDumper.hotSpot().dump(file);
			dumped.countDown();
			try {
				proceed.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		CompletableFuture<ReachabilityVerdict> first = CompletableFuture.supplyAsync(() -> analyzer.analyze(group),
				(task) -> this.threads.factory("analysis").newThread(task).start());
		assertThat(dumped.await(LeakyThreads.DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		assertThatExceptionOfType(AnalysisInProgressException.class).isThrownBy(() -> analyzer.analyze(group))
			.withMessageContaining("already running");
		proceed.countDown();
		assertThat(first.get(LeakyThreads.DEADLINE.toMillis(), TimeUnit.MILLISECONDS).verdict())
			.isIn(Verdict.UNREACHABLE, Verdict.NOT_APPLICABLE);
		assertThat(analyzer.analyze(group).verdict()).isEqualTo(Verdict.UNREACHABLE);
	}

	private void startUnreferencedExecutor(int workers) {
		// Only a keeper thread's stack holds the pool, and the keeper itself waits on a
		// latch only it can see.
		this.threads.start("keeper", Thread.State.WAITING, () -> {
			ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(workers,
					this.threads.factory("idle-worker"));
			pool.prestartAllCoreThreads();
			try {
				new CountDownLatch(1).await();
			}
			finally {
				pool.shutdownNow();
				pool.awaitTermination(LeakyThreads.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
			}
		});
	}

	private void awaitLatchCountedDownLater(ScheduledExecutorService scheduler) {
		CountDownLatch latch = new CountDownLatch(1);
		scheduler.schedule(latch::countDown, 1, TimeUnit.HOURS);
		for (int i = 0; i < 2; i++) {
			this.threads.start("latch-waiter", Thread.State.WAITING, latch::await);
		}
	}

}
