package io.github.threadleaks.core;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.threadleaks.core.BlockedThreads.NAME_PREFIX;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request threads queued on one monitor behind a slow holder (a service's first requests
 * at warm-up) are not stuck while the holder keeps working; behind a holder that never
 * moves, they are a leak.
 */
class LockQueueTests {

	private final BlockedThreads threads = new BlockedThreads();

	@AfterEach
	void close() {
		this.threads.close();
	}

	@ParameterizedTest(name = "holder keeps working: {0}")
	@ValueSource(booleans = { true, false })
	void waitersBehindAHolderThatKeepsWorkingAreNotStuck(boolean holderWorks) {
		Object monitor = new Object();
		Semaphore step = new Semaphore(0);
		AtomicInteger steps = new AtomicInteger();
		Thread holder = this.threads.startBlocked("slow-holder", Thread.State.WAITING, () -> {
			synchronized (monitor) {
				while (true) {
					step.acquire();
					steps.incrementAndGet();
				}
			}
		});
		SteppedMonitor monitorOfThreads = new SteppedMonitor(SteppedMonitor.FAST);
		ThreadLeakReport report = null;
		boolean suspected = false;
		for (int sample = 1; sample <= 14; sample++) {
			if (sample <= 8) {
				for (int i = 0; i < 2; i++) {
					this.threads.startBlocked("queued", Thread.State.BLOCKED, () -> {
						synchronized (monitor) {
							monitor.notifyAll();
						}
					});
				}
			}
			if (holderWorks) {
				int before = steps.get();
				step.release();
				BlockedThreads.await(() -> "the holder to do a step",
						() -> steps.get() > before && holder.getState() == Thread.State.WAITING);
			}
			report = monitorOfThreads.sample();
			suspected |= !report.suspects().isEmpty();
		}
		StackGroupReport queued = SteppedMonitor.groupNamed(report, NAME_PREFIX + "queued-#");
		assertThat(queued.count()).isEqualTo(16);
		if (holderWorks) {
			assertThat(suspected).as("suspected at some sample").isFalse();
			assertThat(queued.stuck()).as("waiters behind a holder that moves").isZero();
		}
		else {
			assertThat(queued.suspected()).as(queued.explanation()).isTrue();
			assertThat(queued.stuck()).isEqualTo(16);
		}
	}

}
