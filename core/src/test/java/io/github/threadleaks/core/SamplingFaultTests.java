package io.github.threadleaks.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A sample that fails is recorded, reported and followed by the next one; nothing from
 * outside stops the sampling loop but {@link SamplingLoop#stop()}. A failing
 * {@code ThreadMXBean} cannot be produced, so a {@link ThreadSource} that wraps the real
 * one and throws on demand stands in for it.
 */
class SamplingFaultTests {

	private final ManualClock clock = new ManualClock();

	private final FailingThreadSource source = new FailingThreadSource();

	private final ThreadLeakMonitor monitor = new ThreadLeakMonitor(
			ThreadLeaksSettings.builder().sampleInterval(Duration.ofMillis(100)).build(), this.source, this.clock);

	private final SamplingLoop loop = new SamplingLoop(this.monitor);

	@AfterEach
	void stopLoop() {
		this.loop.stop();
	}

	@Test
	void aFailedSampleIsTheReportsLastErrorUntilASampleSucceeds() {
		ThreadLeakReport good = this.monitor.sample();
		assertThat(good.lastError()).isNull();
		this.source.failWith(new IllegalStateException("census \"broken\"\n".repeat(100)));
		this.clock.advance(Duration.ofSeconds(10));
		assertThatIllegalStateException().isThrownBy(this.monitor::sample);
		this.clock.advance(Duration.ofSeconds(10));
		assertThatIllegalStateException().isThrownBy(this.monitor::sample);
		ThreadLeakReport failed = this.monitor.report();
		assertThat(failed.samples()).isEqualTo(good.samples());
		assertThat(failed.groups()).isEqualTo(good.groups());
		assertThat(failed.lastError()).isNotNull().satisfies((error) -> {
			assertThat(error.type()).isEqualTo(IllegalStateException.class.getName());
			assertThat(error.message()).startsWith("census \"broken\"\n")
				.hasSize(SampleFailure.MAX_MESSAGE_LENGTH + 1)
				.endsWith("…");
			assertThat(error.failedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:20Z"));
			assertThat(error.consecutiveFailures()).isEqualTo(2);
		});
		assertThat(this.monitor.sampleFailures()).isEqualTo(2);
		this.source.failWith(null);
		ThreadLeakReport recovered = this.monitor.sample();
		assertThat(recovered.lastError()).isNull();
		assertThat(recovered.samples()).isEqualTo(good.samples() + 1);
		this.source.failWith(new IllegalStateException("again"));
		assertThatIllegalStateException().isThrownBy(this.monitor::sample);
		assertThat(this.monitor.report().lastError()).extracting(SampleFailure::consecutiveFailures).isEqualTo(1L);
		assertThat(this.monitor.sampleFailures()).isEqualTo(3);
	}

	@Test
	void listenersHearEachFailureAndTheNextSample() {
		List<String> heard = new ArrayList<>();
		this.monitor.addListener(new ThreadLeakListener() {
			@Override
			public void sampled(ThreadLeakReport report) {
				heard.add("sampled");
			}

			@Override
			public void sampleFailed(Throwable failure) {
				heard.add("failed: " + failure.getMessage());
			}
		});
		this.source.failWith(new IllegalStateException("boom"));
		assertThatIllegalStateException().isThrownBy(this.monitor::sample);
		this.source.failWith(null);
		this.monitor.sample();
		assertThat(heard).containsExactly("failed: boom", "sampled");
	}

	@Test
	void theLoopGoesOnAfterSamplesThatThrowErrors() {
		// An Error escaping a periodic task would cancel it for good, silently.
		this.source.failWith(new StackOverflowError("deep"));
		SampleCounter counter = new SampleCounter(this.monitor);
		this.loop.start();
		counter.awaitFailures(2);
		this.source.failWith(null);
		counter.awaitSamples(2);
		assertThat(this.loop.isRunning()).isTrue();
		assertThat(this.monitor.sampleFailures()).isGreaterThanOrEqualTo(2);
		assertThat(this.monitor.report().lastError()).isNull();
	}

	@Test
	void aListenerThatThrowsDoesNotStopTheLoopNorOtherListeners() {
		this.monitor.addListener(new ThreadLeakListener() {
			@Override
			public void sampled(ThreadLeakReport report) {
				throw new IllegalStateException("listener bug");
			}
		});
		SampleCounter counter = new SampleCounter(this.monitor);
		this.loop.start();
		counter.awaitSamples(3);
		assertThat(this.monitor.sampleFailures()).isZero();
	}

	@Test
	void anInterruptFromOutsideDoesNotEndSampling() {
		SampleCounter counter = new SampleCounter(this.monitor);
		this.loop.start();
		counter.awaitSamples(1);
		Thread sampler = counter.samplingThread.get();
		assertThat(sampler.getName()).isEqualTo(SamplingLoop.THREAD_NAME);
		for (int i = 0; i < 3; i++) {
			int before = counter.samples.get();
			sampler.interrupt();
			counter.awaitSamples(before + 2);
		}
		// An interrupt that lands while a sample runs: that sample's thread is
		// interrupted, the next runs as usual.
		this.monitor.addListener(new ThreadLeakListener() {
			private final AtomicInteger interrupts = new AtomicInteger();

			@Override
			public void sampled(ThreadLeakReport report) {
				if (this.interrupts.getAndIncrement() < 3) {
					Thread.currentThread().interrupt();
				}
			}
		});
		int before = counter.samples.get();
		counter.awaitSamples(before + 5);
		assertThat(sampler.isAlive()).isTrue();
		assertThat(this.loop.isRunning()).isTrue();
		this.loop.stop();
		BlockedThreads.awaitEnded(List.of(sampler));
		assertThat(this.loop.isRunning()).isFalse();
	}

	@Test
	void aReaderHoldingAReportNeverHoldsUpTheSampler() throws InterruptedException {
		CountDownLatch readerHolds = new CountDownLatch(1);
		CountDownLatch releaseReader = new CountDownLatch(1);
		AtomicReference<ThreadLeakReport> held = new AtomicReference<>();
		this.monitor.sample();
		Thread reader = new Thread(() -> {
			held.set(this.monitor.report());
			readerHolds.countDown();
			try {
				// A slow client: the report is held while its JSON trickles out.
				releaseReader.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, BlockedThreads.NAME_PREFIX + "slow-reader");
		reader.start();
		try {
			readerHolds.await();
			for (int i = 0; i < 3; i++) {
				this.monitor.sample();
			}
			assertThat(this.monitor.report().samples()).isEqualTo(4);
			assertThat(held.get().samples()).isEqualTo(1);
		}
		finally {
			releaseReader.countDown();
			reader.join();
		}
	}

	/** The real source, throwing the given failure instead while one is set. */
	private static final class FailingThreadSource implements ThreadSource {

		private final ThreadSource real = new JvmThreadSource();

		private volatile Throwable failure;

		void failWith(Throwable failure) {
			this.failure = failure;
		}

		@Override
		public List<ThreadCensus> census() {
			Throwable failure = this.failure;
			if (failure instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (failure instanceof Error error) {
				throw error;
			}
			return this.real.census();
		}

		@Override
		public Map<Long, List<StackFrame>> stacks(long[] threadIds, int maxDepth) {
			return this.real.stacks(threadIds, maxDepth);
		}

	}

	/** Counts the samples and failures the loop reports, for tests to wait on. */
	private static final class SampleCounter implements ThreadLeakListener {

		final AtomicInteger samples = new AtomicInteger();

		final AtomicInteger failures = new AtomicInteger();

		final AtomicReference<Thread> samplingThread = new AtomicReference<>();

		SampleCounter(ThreadLeakMonitor monitor) {
			monitor.addListener(this);
		}

		@Override
		public void sampled(ThreadLeakReport report) {
			this.samplingThread.set(Thread.currentThread());
			this.samples.incrementAndGet();
		}

		@Override
		public void sampleFailed(Throwable failure) {
			this.failures.incrementAndGet();
		}

		void awaitSamples(int count) {
			BlockedThreads.await(() -> count + " samples (" + this.samples.get() + " so far)",
					() -> this.samples.get() >= count);
		}

		void awaitFailures(int count) {
			BlockedThreads.await(() -> count + " failed samples (" + this.failures.get() + " so far)",
					() -> this.failures.get() >= count);
		}

	}

}
