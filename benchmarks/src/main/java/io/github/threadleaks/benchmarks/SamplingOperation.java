package io.github.threadleaks.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.ThreadLeaksSettings;

/**
 * The ways of looking at every thread that the probes compare, each run as often as asked
 * on a population of parked threads. The JMH benchmark measures the same calls; the
 * probes that need a JVM of their own per operation (stop-the-world pauses) use these.
 */
enum SamplingOperation {

	/** {@code getThreadInfo(ids, 0)}: the census floor. */
	CENSUS {
		@Override
		Runnable prepare(ParkedThreads threads) {
			return () -> THREADS.getThreadInfo(THREADS.getAllThreadIds(), 0);
		}
	},

	/** {@code getThreadInfo(ids, 32)}: every stack at the engine's default depth. */
	STACKS_DEPTH_32 {
		@Override
		Runnable prepare(ParkedThreads threads) {
			return () -> THREADS.getThreadInfo(THREADS.getAllThreadIds(), SampleCostBenchmark.DEFAULT_DEPTH);
		}
	},

	/** One engine sample of threads that have not moved since the last one. */
	ENGINE_STEADY {
		@Override
		Runnable prepare(ParkedThreads threads) {
			return sampleOfWarmMonitor();
		}
	},

	/**
	 * One engine sample after 10% of the threads woke up and went back to rest (the
	 * moving is not timed).
	 */
	ENGINE_MOVING {
		@Override
		Runnable prepare(ParkedThreads threads) {
			return sampleOfWarmMonitor();
		}

		@Override
		void beforeEach(ParkedThreads threads) {
			threads.move(0.10);
		}
	},

	/** The first sample of a fresh monitor. */
	ENGINE_COLD {
		@Override
		Runnable prepare(ParkedThreads threads) {
			return () -> new ThreadLeakMonitor(ThreadLeaksSettings.defaults()).sample();
		}
	},

	/**
	 * {@code dumpAllThreads(true, true)}, as the actuator's {@code threaddump} endpoint
	 * calls it.
	 */
	THREAD_DUMP {
		@Override
		Runnable prepare(ParkedThreads threads) {
			return () -> THREADS.dumpAllThreads(true, true);
		}
	},

	/** {@code Thread.getAllStackTraces()}. */
	ALL_STACK_TRACES {
		@Override
		Runnable prepare(ParkedThreads threads) {
			return Thread::getAllStackTraces;
		}
	};

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	/**
	 * The operation, ready to run on the given threads (an engine operation has its
	 * monitor made here).
	 */
	abstract Runnable prepare(ParkedThreads threads);

	/** A sample of a monitor that has taken its first sample already. */
	private static Runnable sampleOfWarmMonitor() {
		ThreadLeakMonitor monitor = new ThreadLeakMonitor(ThreadLeaksSettings.defaults());
		monitor.sample();
		return monitor::sample;
	}

	/** What must happen, untimed, before each run of the operation. */
	void beforeEach(ParkedThreads threads) {
	}

}
