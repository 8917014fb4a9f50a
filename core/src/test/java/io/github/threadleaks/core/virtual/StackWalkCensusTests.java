package io.github.threadleaks.core.virtual;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import io.github.threadleaks.core.StackFrame;
import io.github.threadleaks.core.ThreadCensus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which stacks a census walks: only those of virtual threads that can have moved since
 * the previous one. Real virtual threads, listed through a registry of their own so that
 * no other thread of the JVM is counted.
 */
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads are JDK 21+")
class StackWalkCensusTests {

	private static final int THREADS = 200;

	private final VirtualThreadRegistry registry = new VirtualThreadRegistry(10_000);

	@Test
	void aSteadyCensusWalksEachStillStackOnceEveryRewalkListings() throws Exception {
		RegisteredThreadSource source = new RegisteredThreadSource(this.registry, 32);
		CountDownLatch release = new CountDownLatch(1);
		try (VirtualThreads threads = new VirtualThreads()) {
			threads.start(THREADS, () -> {
				try (VirtualThreadRegistry.Registration registration = this.registry.register("test")) {
					release.await();
				}
				return null;
			});
			threads.awaitStarted(THREADS, Thread.State.WAITING);
			awaitRegistered(THREADS);
			List<ThreadCensus> first = source.census();
			assertThat(first).hasSize(THREADS);
			assertThat(source.lastWalked()).isEqualTo(THREADS);
			int walked = 0;
			for (int i = 0; i < StackWalkCensus.REWALK_LISTINGS; i++) {
				List<ThreadCensus> steady = source.census();
				assertThat(steady).hasSize(THREADS);
				for (ThreadCensus thread : steady) {
					assertThat(thread.stillSince(byId(first, thread.id()))).isTrue();
				}
				walked += source.lastWalked();
			}
			// Each still thread once in REWALK_LISTINGS listings, not every listing.
			assertThat(walked).isEqualTo(THREADS);
			release.countDown();
		}
	}

	@Test
	void aThreadThatParkedOnAnotherBlockerIsWalkedAtTheNextCensus() throws Exception {
		RegisteredThreadSource source = new RegisteredThreadSource(this.registry, 32);
		CountDownLatch first = new CountDownLatch(1);
		CountDownLatch second = new CountDownLatch(1);
		AtomicReference<Thread> mover = new AtomicReference<>();
		try (VirtualThreads threads = new VirtualThreads()) {
			threads.start(1, () -> {
				try (VirtualThreadRegistry.Registration registration = this.registry.register("test")) {
					mover.set(Thread.currentThread());
					first.await();
					second.await();
				}
				return null;
			});
			threads.awaitStarted(1, Thread.State.WAITING);
			awaitRegistered(1);
			ThreadCensus before = source.census().get(0);
			Object firstBlocker = LockSupport.getBlocker(mover.get());
			first.countDown();
			awaitParkedOnOther(mover.get(), firstBlocker);
			ThreadCensus after = source.census().get(0);
			assertThat(source.lastWalked()).isEqualTo(1);
			assertThat(after.stillSince(before)).isFalse();
			second.countDown();
		}
	}

	@Test
	void aThreadThatParkedElsewhereOnTheSameBlockerIsFoundWithinRewalkListings() throws Exception {
		RegisteredThreadSource source = new RegisteredThreadSource(this.registry, 32);
		Object blocker = new Object();
		AtomicBoolean moved = new AtomicBoolean();
		AtomicBoolean atSecondSite = new AtomicBoolean();
		AtomicReference<Thread> mover = new AtomicReference<>();
		try (VirtualThreads threads = new VirtualThreads()) {
			threads.start(1, () -> {
				try (VirtualThreadRegistry.Registration registration = this.registry.register("test")) {
					mover.set(Thread.currentThread());
					firstSite(blocker, moved);
					atSecondSite.set(true);
					secondSite(blocker);
				}
				return null;
			});
			threads.awaitStarted(1, Thread.State.WAITING);
			awaitRegistered(1);
			ThreadCensus before = source.census().get(0);
			long id = before.id();
			assertThat(topMethod(source, id)).isEqualTo("firstSite");
			moved.set(true);
			LockSupport.unpark(mover.get());
			awaitAtSecondSite(mover.get(), atSecondSite, blocker);
			int listings = 0;
			while (topMethod(source, id).equals("firstSite")) {
				source.census();
				listings++;
				assertThat(listings).isLessThanOrEqualTo(StackWalkCensus.REWALK_LISTINGS);
			}
			assertThat(source.census().get(0).stillSince(before)).isFalse();
		}
	}

	private static void firstSite(Object blocker, AtomicBoolean moved) {
		while (!moved.get()) {
			LockSupport.park(blocker);
		}
	}

	private static void secondSite(Object blocker) {
		while (!Thread.currentThread().isInterrupted()) {
			LockSupport.park(blocker);
		}
	}

	private static String topMethod(RegisteredThreadSource source, long id) {
		List<StackFrame> stack = source.stacks(new long[] { id }, 32).get(id);
		return stack.stream()
			.filter((frame) -> frame.className().equals(StackWalkCensusTests.class.getName()))
			.findFirst()
			.orElseThrow()
			.methodName();
	}

	private void awaitRegistered(int count) {
		while (this.registry.size() < count) {
			Thread.yield();
		}
	}

	private static void awaitParkedOnOther(Thread thread, Object blocker) {
		while (thread.getState() != Thread.State.WAITING || LockSupport.getBlocker(thread) == blocker
				|| LockSupport.getBlocker(thread) == null) {
			Thread.yield();
		}
	}

	private static void awaitAtSecondSite(Thread thread, AtomicBoolean atSecondSite, Object blocker) {
		while (!atSecondSite.get() || thread.getState() != Thread.State.WAITING
				|| LockSupport.getBlocker(thread) != blocker) {
			Thread.yield();
		}
	}

	private static ThreadCensus byId(List<ThreadCensus> census, long id) {
		return census.stream().filter((thread) -> thread.id() == id).findFirst().orElseThrow();
	}

}
