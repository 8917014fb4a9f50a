package io.github.threadleaks.core;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import static io.github.threadleaks.core.BlockedThreads.NAME_PREFIX;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leak corpus ({@link LeakCorpus}) on the driven sampler: one request of each kernel
 * before each sample, with fresh primitives. Every bug is suspected within the window;
 * its fixed twin, whose threads sit in the same primitive for {@value #FIX_AFTER_SAMPLES}
 * samples (stuck at the last) before the fix releases them, never is.
 */
class LeakCorpusTests {

	/** Samples a twin's threads stay blocked before the fix lets them go. */
	static final int FIX_AFTER_SAMPLES = 4;

	private static final int SAMPLES = 8;

	static final List<LeakCorpus.Kernel> KERNELS = LeakCorpus.KERNELS;

	private final BlockedThreads threads = new BlockedThreads();

	@AfterEach
	void close() {
		this.threads.close();
	}

	@ParameterizedTest
	@FieldSource("KERNELS")
	void everyBugIsSuspected(LeakCorpus.Kernel kernel) throws Exception {
		SteppedMonitor monitor = new SteppedMonitor();
		ThreadLeakReport report = null;
		for (int sample = 1; sample <= SAMPLES; sample++) {
			kernel.request().send(this.threads);
			report = monitor.sample();
		}
		assertThat(report.suspects()).as("suspects of %s", kernel)
			.isNotEmpty()
			.allSatisfy((group) -> assertThat(group.name()).startsWith(groupPrefix(kernel)));
		assertThat(report.suspects().get(0).evidence().waking()).isFalse();
	}

	@ParameterizedTest
	@FieldSource("KERNELS")
	void noFixedTwinIsSuspected(LeakCorpus.Kernel kernel) throws Exception {
		SteppedMonitor monitor = new SteppedMonitor();
		LeakCorpus.Pending pending = new LeakCorpus.Pending();
		int stuckSeen = 0;
		for (int sample = 1; sample <= SAMPLES + FIX_AFTER_SAMPLES; sample++) {
			if (sample <= SAMPLES) {
				pending.add(kernel.request().send(this.threads));
			}
			if (sample > FIX_AFTER_SAMPLES) {
				pending.applyOldest();
			}
			awaitReleasedThreadsEnded(kernel, Math.min(sample, SAMPLES), pending.size());
			ThreadLeakReport report = monitor.sampleWithoutSuspects();
			stuckSeen = Math.max(stuckSeen,
					report.groups()
						.stream()
						.filter((group) -> group.name().startsWith(groupPrefix(kernel)))
						.mapToInt(StackGroupReport::stuck)
						.sum());
		}
		assertThat(stuckSeen).as("the twin's threads sat stuck before their fix").isPositive();
	}

	private static String groupPrefix(LeakCorpus.Kernel kernel) {
		return ThreadNames.normalize(NAME_PREFIX + kernel.name());
	}

	/**
	 * Waits until the threads of every request but the {@code unfixed} latest have ended:
	 * the fix has let them go. Each request starts as many threads.
	 */
	private void awaitReleasedThreadsEnded(LeakCorpus.Kernel kernel, int requests, int unfixed) {
		List<Thread> started = this.threads.started(kernel.name());
		int perRequest = started.size() / requests;
		BlockedThreads.awaitEnded(started.subList(0, (requests - unfixed) * perRequest));
	}

}
