package io.github.threadleaks.autoconfigure.health;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

import io.github.threadleaks.autoconfigure.TestLeak;
import io.github.threadleaks.core.BlockedSenders;
import io.github.threadleaks.core.StackGroupReport;
import io.github.threadleaks.core.virtual.PlatformAndVirtualMonitors;
import io.github.threadleaks.junit.VerifyNoThreadLeaks;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health goes down while a group leaks or threads are deadlocked, and comes back up
 * when they are gone.
 */
@VerifyNoThreadLeaks
class ThreadLeaksHealthIndicatorTests {

	private final TestLeak leak = new TestLeak();

	private final ThreadLeaksHealthIndicator indicator = new ThreadLeaksHealthIndicator(
			new PlatformAndVirtualMonitors(this.leak.monitor()));

	@AfterEach
	void endLeak() {
		this.leak.close();
	}

	@Test
	void upBeforeTheFirstSample() {
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("suspects", List.of())
			.containsEntry("deadlockedThreads", List.of());
	}

	@Test
	void downWhileAGroupIsSuspectedThenUpWhenReleased() {
		StackGroupReport suspect = this.leak.leakUntilSuspected();
		Health down = this.indicator.health();
		assertThat(down.getStatus()).isEqualTo(Status.DOWN);
		assertThat(down.getDetails().get("suspects")).asInstanceOf(InstanceOfAssertFactories.LIST)
			.singleElement()
			.isEqualTo(Map.of("id", suspect.id(), "name", TestLeak.GROUP_NAME, "state", "WAITING", "count", 3, "growth",
					2, "blockedAt", suspect.blockedAt()));
		assertThat(suspect.blockedAt()).startsWith("java.util.concurrent.SynchronousQueue.put(")
			.contains(" from " + BlockedSenders.class.getName() + ".");
		this.leak.release();
		this.leak.sample();
		Health up = this.indicator.health();
		assertThat(up.getStatus()).isEqualTo(Status.UP);
		assertThat(up.getDetails()).containsEntry("suspects", List.of());
	}

	@Test
	@SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; the tests run on 17.
	void downWhileThreadsAreDeadlocked() throws InterruptedException {
		ReentrantLock first = new ReentrantLock();
		ReentrantLock second = new ReentrantLock();
		CountDownLatch bothHeld = new CountDownLatch(2);
		Thread a = new Thread(() -> lockBoth(first, second, bothHeld), TestLeak.THREAD_NAME_PREFIX + "a");
		Thread b = new Thread(() -> lockBoth(second, first, bothHeld), TestLeak.THREAD_NAME_PREFIX + "b");
		try {
			a.start();
			b.start();
			// Each is parked waiting for the other's lock, not merely on the latch.
			TestLeak.await(() -> second.hasQueuedThread(a) && first.hasQueuedThread(b)
					&& a.getState() == Thread.State.WAITING && b.getState() == Thread.State.WAITING,
					() -> "a deadlock");
			this.leak.sample();
			Health health = this.indicator.health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("suspects", List.of())
				.containsEntry("deadlockedThreads",
						List.of(Math.min(a.getId(), b.getId()), Math.max(a.getId(), b.getId())));
		}
		finally {
			a.interrupt();
			b.interrupt();
			a.join(10_000);
			b.join(10_000);
		}
		assertThat(a.isAlive() || b.isAlive()).isFalse();
	}

	/**
	 * Locks one lock, then, once the other thread holds its own, the other: a deadlock
	 * that ends on interrupt.
	 */
	private static void lockBoth(ReentrantLock mine, ReentrantLock theirs, CountDownLatch bothHeld) {
		mine.lock();
		try {
			bothHeld.countDown();
			bothHeld.await();
			theirs.lockInterruptibly();
			theirs.unlock();
		}
		catch (InterruptedException ex) {
			// The test breaks the deadlock.
		}
		finally {
			mine.unlock();
		}
	}

}
