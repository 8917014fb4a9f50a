package io.github.threadleaks.core;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.github.threadleaks.core.BlockedThreads.NAME_PREFIX;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leaked clients whose threads keep waking (a wheel timer's ticker, a network thread that
 * keeps reconnecting to a server that is down), sampled now and then mid-work, at another
 * stack: each member is caught there at two samples in every five. They are suspected all
 * the same, at the defaults and at a 500 ms interval, because a member caught briefly
 * elsewhere stays in its group with its age; the same threads in a fixed number, caught
 * mid-work alike, never are.
 */
class WakingMembersTests {

	private final BlockedThreads threads = new BlockedThreads();

	private final List<WakingThread> all = new ArrayList<>();

	@AfterEach
	void close() {
		for (WakingThread member : this.all) {
			member.release();
		}
		this.threads.close();
	}

	@ParameterizedTest
	@EnumSource(Cadence.class)
	void aLeakedWheelTimerWhoseTickerIsCaughtMidTickIsSuspected(Cadence cadence) {
		// A wheel timer ticks 10 times a second; a tick runs the expired timeouts'
		// tasks.
		assertSuspectedThoughCaughtMidWork(cadence, "wheel-timer", 100, (member) -> member.work());
	}

	@ParameterizedTest
	@EnumSource(Cadence.class)
	void aLeakedClientWhoseThreadKeepsReconnectingIsSuspected(Cadence cadence) throws IOException {
		InetSocketAddress down = closedPort();
		// A client's network thread: connect, fail, tell its listeners, back off a
		// second.
		assertSuspectedThoughCaughtMidWork(cadence, "reconnect", 1000, (member) -> {
			try (Socket socket = new Socket()) {
				socket.connect(down, 1000);
			}
			catch (IOException ex) {
				member.work();
			}
		});
	}

	/**
	 * Leaks one client every {@code 1 / cadence.leaksPerSample} samples for as many
	 * samples as fill the longest horizon, beside a fixed number of the same clients,
	 * wakes every thread before each sample and holds each, now and then, mid-work; then
	 * checks that only the leak is suspected, on waking growth, and only once the longest
	 * horizon is full.
	 */
	private void assertSuspectedThoughCaughtMidWork(Cadence cadence, String role, long periodMillis, Round round) {
		ThreadLeaksSettings settings = cadence.settings;
		SteppedMonitor monitor = new SteppedMonitor(settings);
		int longestPeriod = (int) Math.pow(settings.horizonFactor(), settings.horizons() - 1);
		int samples = settings.window() * longestPeriod;
		int leakEvery = longestPeriod / 2;
		List<WakingThread> steady = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			steady.add(start("steady-" + role, periodMillis, round));
		}
		List<WakingThread> leaked = new ArrayList<>();
		ThreadLeakReport report = null;
		for (int sample = 1; sample <= samples; sample++) {
			if (sample % leakEvery == 1) {
				leaked.add(start(role, periodMillis, round));
			}
			for (WakingThread member : this.all) {
				member.wakeFor(sample);
			}
			for (WakingThread member : this.all) {
				member.awaitWoken();
			}
			report = monitor.sample();
			if (sample < samples) {
				assertThat(report.suspects()).as("suspects at sample %d", sample).isEmpty();
			}
		}
		assertThat(leaked).hasSizeGreaterThanOrEqualTo(2 * settings.minGrowth());
		assertThat(report.suspects()).extracting(StackGroupReport::name).containsExactly(NAME_PREFIX + role + "-#");
		StackGroupReport leak = report.suspects().get(0);
		assertThat(leak.count()).as("members caught mid-work stay in their group").isEqualTo(leaked.size());
		assertThat(leak.evidence().waking()).isTrue();
		assertThat(leak.explanation()).contains("its threads keep waking on a schedule; the group never fell over");
		assertThat(SteppedMonitor.groupNamed(report, NAME_PREFIX + "steady-" + role + "-#").count())
			.isEqualTo(steady.size());
	}

	private WakingThread start(String role, long periodMillis, Round round) {
		WakingThread member = new WakingThread(periodMillis, this.all.size());
		member.thread = this.threads.start(role, () -> member.run(round));
		this.all.add(member);
		return member;
	}

	private static InetSocketAddress closedPort() throws IOException {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
		}
	}

	/** The sample cadences the leaks must be found at. */
	enum Cadence {

		DEFAULTS(ThreadLeaksSettings.defaults()),

		/** What a user sets to see a leak within seconds. */
		FAST(SteppedMonitor.FAST);

		final ThreadLeaksSettings settings;

		Cadence(ThreadLeaksSettings settings) {
			this.settings = settings;
		}

	}

	/** One round of a waking thread's work, before it waits for its next one. */
	interface Round {

		void run(WakingThread member) throws Exception;

	}

	/**
	 * A thread that wakes every {@code periodMillis} or when the test wakes it, does a
	 * round of work and, while the test holds it, waits mid-work: at another stack than
	 * its wait for the next round.
	 */
	static final class WakingThread {

		private final Semaphore wake = new Semaphore(0);

		private final AtomicInteger rounds = new AtomicInteger();

		private final long periodMillis;

		/** Offsets the rounds at which the thread is held, so that members differ. */
		private final int offset;

		private volatile @Nullable CountDownLatch hold;

		private @Nullable Thread thread;

		private int roundsBefore;

		private int startedAt;

		WakingThread(long periodMillis, int offset) {
			this.periodMillis = periodMillis;
			this.offset = offset;
		}

		void run(Round round) throws Exception {
			while (!Thread.currentThread().isInterrupted()) {
				round.run(this);
				this.rounds.incrementAndGet();
				this.wake.tryAcquire(this.periodMillis, TimeUnit.MILLISECONDS);
			}
		}

		/** The round's work: waits while the test holds the thread mid-work. */
		void work() throws InterruptedException {
			CountDownLatch held = this.hold;
			if (held != null) {
				held.await();
			}
		}

		/**
		 * Wakes the thread for a sample: holds it mid-work at two samples in five, once
		 * it has been seen at its wait five times; else lets it finish a round.
		 */
		void wakeFor(int sample) {
			if (this.startedAt == 0) {
				this.startedAt = sample;
			}
			boolean held = sample - this.startedAt >= 5 && (sample + this.offset) % 5 < 2;
			if (held) {
				if (this.hold == null) {
					this.hold = new CountDownLatch(1);
					this.wake.release();
				}
				return;
			}
			release();
			this.roundsBefore = this.rounds.get();
			this.wake.release();
		}

		void release() {
			CountDownLatch held = this.hold;
			this.hold = null;
			if (held != null) {
				held.countDown();
			}
		}

		/**
		 * Waits until the thread is held mid-work, or has done a round since it was woken
		 * and waits for the next, its wake-up taken.
		 */
		void awaitWoken() {
			Thread member = this.thread;
			assertThat(member).isNotNull();
			if (this.hold != null) {
				BlockedThreads.await(() -> member.getName() + " to be held mid-work",
						() -> member.getState() == Thread.State.WAITING);
				return;
			}
			// The wake-up taken first: the thread then waits again only after a round.
			BlockedThreads.await(() -> member.getName() + " to do a round and wait for the next",
					() -> this.wake.availablePermits() == 0 && member.getState() == Thread.State.TIMED_WAITING
							&& this.rounds.get() > this.roundsBefore);
		}

	}

}
