package io.github.threadleaks.core.virtual;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.github.threadleaks.core.LeakStatus;
import io.github.threadleaks.core.ManualClock;
import io.github.threadleaks.core.StackFrame;
import io.github.threadleaks.core.ThreadCensus;
import io.github.threadleaks.core.ThreadLeakReport;
import io.github.threadleaks.core.ThreadLeaksSettings;
import io.github.threadleaks.core.VirtualThreadsReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.EnabledOnJre;
import org.junit.jupiter.api.condition.JRE;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Virtual threads listed through the JDK's thread containers: the build opens them to the
 * tests on JDK 21+ with the JVM option an application is started with, so these tests run
 * as such an application does.
 */
class ContainerThreadSourceTests {

	private static final ThreadLeaksSettings SETTINGS = ThreadLeaksSettings.builder().window(5).minGrowth(10).build();

	private static final VirtualThreadSettings VIRTUAL = VirtualThreadSettings.builder()
		.interval(Duration.ofSeconds(30))
		.maxSampleTime(Duration.ofMinutes(1))
		.build();

	private final ManualClock clock = new ManualClock();

	@Test
	@EnabledOnJre(value = JRE.JAVA_17, disabledReason = "the thread containers exist from JDK 21")
	void onJdk17ItSaysWhyItIsUnavailable() {
		assertThat(ContainerThreadSource.unavailableReason()).startsWith("needs JDK 21+");
		VirtualThreadMonitor monitor = VirtualThreadMonitor.of(SETTINGS, VirtualThreadSettings.defaults());
		assertThat(monitor.status().status()).isEqualTo(VirtualThreadsReport.Status.UNAVAILABLE);
		assertThat(monitor.status().source()).isNull();
		assertThat(monitor.status().reason()).startsWith("needs JDK 21+");
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "the thread containers are JDK 21+")
	void byDefaultTheContainersAreChosenAndTheReportSaysWhy() {
		assertThat(ContainerThreadSource.unavailableReason()).isNull();
		try (VirtualThreadMonitor monitor = VirtualThreadMonitor.of(SETTINGS, VirtualThreadSettings.defaults())) {
			VirtualThreadsReport status = monitor.status();
			assertThat(status.status()).isEqualTo(VirtualThreadsReport.Status.AVAILABLE);
			assertThat(status.source()).isEqualTo(VirtualThreadsReport.Source.CONTAINERS);
			assertThat(status.reason()).contains(ContainerThreadSource.JVM_FLAG);
		}
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "the thread containers are JDK 21+")
	void aParkedVirtualThreadIsStillAndOneThatParkedElsewhereMoved() throws Exception {
		ContainerThreadSource source = ContainerThreadSource.of(32, 1000);
		CountDownLatch first = new CountDownLatch(1);
		SynchronousQueue<Object> second = new SynchronousQueue<>();
		CountDownLatch stays = new CountDownLatch(1);
		AtomicReference<Thread> moverThread = new AtomicReference<>();
		AtomicReference<Thread> sitterThread = new AtomicReference<>();
		try (VirtualThreads threads = new VirtualThreads()) {
			threads.start(1, () -> {
				moverThread.set(Thread.currentThread());
				first.await();
				return second.take();
			});
			threads.start(1, () -> {
				sitterThread.set(Thread.currentThread());
				stays.await();
				return null;
			});
			threads.awaitStarted(2, Thread.State.WAITING);
			List<ThreadCensus> before = source.census();
			ThreadCensus mover = byId(before, idOf(moverThread.get()));
			ThreadCensus sitter = byId(before, idOf(sitterThread.get()));
			first.countDown();
			awaitTop(source, mover.id(), "java.util.concurrent.SynchronousQueue", "take");
			List<ThreadCensus> after = source.census();
			assertThat(byId(after, sitter.id()).stillSince(sitter)).isTrue();
			assertThat(byId(after, mover.id()).stillSince(mover)).isFalse();
			assertThat(source.container(sitter.id())).isEqualTo("java.util.concurrent.ThreadPerTaskExecutor");
			assertThat(source.lastTruncated()).isFalse();
		}
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "the thread containers are JDK 21+")
	void aRunnableVirtualThreadIsNeverStillEvenInTheSamePlace() throws Exception {
		// Woken while every carrier is taken, a virtual thread is RUNNABLE on the very
		// stack it parked on. With no CPU
		// time to tell waiting for a carrier, spinning or stuck apart, it must never read
		// as still.
		ContainerThreadSource source = ContainerThreadSource.of(32, 1000);
		int carriers = Runtime.getRuntime().availableProcessors();
		CountDownLatch wake = new CountDownLatch(1);
		CountDownLatch spinning = new CountDownLatch(carriers);
		AtomicBoolean spin = new AtomicBoolean(true);
		AtomicReference<Thread> woken = new AtomicReference<>();
		try (VirtualThreads threads = new VirtualThreads()) {
			threads.start(1, () -> {
				woken.set(Thread.currentThread());
				wake.await();
				return null;
			});
			threads.awaitStarted(1, Thread.State.WAITING);
			try {
				threads.start(carriers, () -> {
					spinning.countDown();
					while (spin.get()) {
						Thread.onSpinWait();
					}
					return null;
				});
				assertThat(spinning.await(2, TimeUnit.MINUTES)).as("every carrier taken").isTrue();
				wake.countDown();
				ThreadCensus before = byId(source.census(), idOf(woken.get()));
				ThreadCensus after = byId(source.census(), before.id());
				assertThat(after.state()).isEqualTo(Thread.State.RUNNABLE);
				assertThat(source.stacks(new long[] { after.id() }, 32).get(after.id()))
					.as("still on the stack it parked on")
					.anySatisfy((frame) -> assertThat(frame.toString()).contains("CountDownLatch.await"));
				assertThat(after.stillSince(before)).isFalse();
				assertThat(after.quietSince(before, Long.MAX_VALUE)).isFalse();
			}
			finally {
				spin.set(false);
			}
		}
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "the thread containers are JDK 21+")
	void oneCensusWalksNoMoreThanMaxThreadsStacks() throws Exception {
		ContainerThreadSource source = ContainerThreadSource.of(32, 5);
		CountDownLatch never = new CountDownLatch(1);
		try (VirtualThreads threads = new VirtualThreads()) {
			threads.start(20, () -> {
				never.await();
				return null;
			});
			threads.awaitStarted(20, Thread.State.WAITING);
			assertThat(source.census()).hasSize(5);
			assertThat(source.lastTruncated()).isTrue();
		}
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "the thread containers are JDK 21+")
	void virtualThreadsPilingUpInPutAreSuspectedWithTheirExecutor() throws Exception {
		VirtualThreadMonitor monitor = new VirtualThreadMonitor(SETTINGS, VIRTUAL,
				ContainerThreadSource.of(32, 100_000), this.clock);
		SynchronousQueue<Object> queue = new SynchronousQueue<>();
		try (VirtualThreads threads = new VirtualThreads()) {
			for (int step = 1; step <= 5; step++) {
				threads.start(1000, () -> {
					queue.put(new Object());
					return null;
				});
				threads.awaitStarted(1000 * step, Thread.State.WAITING);
				monitor.sample();
				this.clock.advance(VIRTUAL.interval().orElseThrow());
			}
			ThreadLeakReport report = monitor.report();
			assertThat(report.status()).isEqualTo(LeakStatus.LEAK_SUSPECTED);
			assertThat(report.suspects()).singleElement().satisfies((suspect) -> {
				assertThat(suspect.virtual()).isTrue();
				assertThat(suspect.container()).isEqualTo("java.util.concurrent.ThreadPerTaskExecutor");
				assertThat(suspect.count()).isEqualTo(5000);
				assertThat(suspect.history()).containsExactly(1000, 2000, 3000, 4000, 5000);
				assertThat(suspect.blockedAt()).startsWith("java.util.concurrent.SynchronousQueue.put(")
					.contains(" from " + ContainerThreadSourceTests.class.getName());
			});
		}
	}

	@SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; the tests are
										// compiled for Java 17.
	private static long idOf(Thread thread) {
		return thread.getId();
	}

	private static ThreadCensus byId(List<ThreadCensus> census, long id) {
		return census.stream().filter((thread) -> thread.id() == id).findFirst().orElseThrow();
	}

	/**
	 * Waits until the given virtual thread waits in {@code method} of {@code className}:
	 * it has moved there.
	 */
	private static void awaitTop(ContainerThreadSource source, long id, String className, String method) {
		while (true) {
			for (ThreadCensus thread : source.census()) {
				List<StackFrame> stack = source.stacks(new long[] { thread.id() }, 32).get(thread.id());
				if (thread.id() == id && thread.state() == Thread.State.WAITING && stack != null && stack.stream()
					.anyMatch((frame) -> frame.className().equals(className) && frame.methodName().equals(method))) {
					return;
				}
			}
			Thread.onSpinWait();
			Thread.yield();
		}
	}

}
