package io.github.threadleaks.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.ThreadLeakReport;
import io.github.threadleaks.core.ThreadLeaksSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one sample at N real parked threads, side by side in one run: the JVM's
 * census floor, a depth-limited capture, the engine (steady, with a share of threads
 * moving, and cold), and the two ways a thread dump is taken
 * ({@code dumpAllThreads(true, true)}, as the actuator's {@code threaddump} endpoint
 * does, and {@code Thread.getAllStackTraces()}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// A fixed heap, so that the heap walk of dumpAllThreads(true, true) is measured on the
// same heap in every run.
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class SampleCostBenchmark {

	/** The engine's default stack depth. */
	static final int DEFAULT_DEPTH = 32;

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	/**
	 * The floor: every thread's state, lock and counters, no stack
	 * ({@code getThreadInfo(ids, 0)}).
	 */
	@Benchmark
	public ThreadInfo[] census(Population population) {
		return THREADS.getThreadInfo(THREADS.getAllThreadIds(), 0);
	}

	/**
	 * Every thread's top 32 frames in one call, without locks: what walking every stack
	 * each sample costs.
	 */
	@Benchmark
	public ThreadInfo[] stacksDepth32(Population population) {
		return THREADS.getThreadInfo(THREADS.getAllThreadIds(), DEFAULT_DEPTH);
	}

	/** One engine sample when no thread moved since the last one: the leak case. */
	@Benchmark
	public ThreadLeakReport engineSteady(WarmMonitor warm) {
		return warm.monitor.sample();
	}

	/** One engine sample after a share of the threads woke up and went back to rest. */
	@Benchmark
	public ThreadLeakReport engineMoving(MovingThreads moving) {
		return moving.monitor.sample();
	}

	/** The first sample of a fresh monitor: every stack is walked once. */
	@Benchmark
	public ThreadLeakReport engineCold(Population population) {
		return new ThreadLeakMonitor(ThreadLeaksSettings.defaults()).sample();
	}

	/**
	 * What the actuator's {@code threaddump} endpoint does: full stacks, locked monitors
	 * and synchronizers.
	 */
	@Benchmark
	public ThreadInfo[] threadDump(Population population) {
		return THREADS.dumpAllThreads(true, true);
	}

	/** Full stacks of every thread through {@code Thread.getAllStackTraces()}. */
	@Benchmark
	public Map<Thread, StackTraceElement[]> allStackTraces(Population population) {
		return Thread.getAllStackTraces();
	}

	/** The threads being sampled. */
	@State(Scope.Benchmark)
	public static class Population {

		/** How many parked threads (monitor holders aside). */
		@Param({ "100", "1000", "10000" })
		public int threads;

		/**
		 * Where they rest: {@code MIXED} (a quarter in each place) or one place
		 * ({@code PARKED}, ...).
		 */
		@Param("MIXED")
		public String places;

		ParkedThreads parked;

		@Setup(Level.Trial)
		public void start() {
			ParkedThreads.Place[] chosen = this.places.equals("MIXED") ? ParkedThreads.Place.values()
					: new ParkedThreads.Place[] { ParkedThreads.Place.valueOf(this.places) };
			this.parked = ParkedThreads.start(this.threads, chosen);
		}

		@TearDown(Level.Trial)
		public void stop() {
			this.parked.close();
		}

	}

	/** A monitor that has already sampled the population once: the steady state. */
	@State(Scope.Thread)
	public static class WarmMonitor {

		ThreadLeakMonitor monitor;

		@Setup(Level.Trial)
		public void firstSample(Population population) {
			this.monitor = new ThreadLeakMonitor(ThreadLeaksSettings.defaults());
			this.monitor.sample();
		}

	}

	/**
	 * A warm monitor whose threads partly move between samples, as a busy pool's workers
	 * do.
	 */
	@State(Scope.Thread)
	public static class MovingThreads {

		/**
		 * The share of threads that wake up and go back to rest before each sample, in
		 * percent.
		 */
		@Param("10")
		public int movingPercent;

		ThreadLeakMonitor monitor;

		Population population;

		@Setup(Level.Trial)
		public void firstSample(Population population) {
			this.population = population;
			this.monitor = new ThreadLeakMonitor(ThreadLeaksSettings.defaults());
			this.monitor.sample();
		}

		@Setup(Level.Invocation)
		public void move() {
			this.population.parked.move(this.movingPercent / 100.0);
		}

	}

}
