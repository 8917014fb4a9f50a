package io.github.threadleaks.benchmarks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.TimeUnit;

import io.github.threadleaks.core.virtual.VirtualThreadRegistry;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What registering the virtual threads Spring starts costs the application (JDK 21+),
 * where the JVM runs without the option that opens the thread containers: virtual threads
 * started and joined per second, each doing nothing ({@code off}) or registering itself
 * and closing the registration, as the request filter and the task decorator do
 * ({@code on}), in one run. A thread that does nothing else is the worst case: the
 * registration is all it does.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@State(Scope.Benchmark)
public class VirtualThreadRegistrationBenchmark {

	/** Whether each thread registers itself: {@code off} or {@code on}. */
	@Param({ "off", "on" })
	public String registration;

	private MethodHandle startVirtualThread;

	private Runnable task;

	@Setup(Level.Trial)
	public void setUp() throws ReflectiveOperationException {
		if (Runtime.version().feature() < 21) {
			throw new IllegalStateException("Virtual threads need JDK 21+; this JVM is " + Runtime.version());
		}
		// Compiled for Java 17: Thread.startVirtualThread is JDK 21+.
		this.startVirtualThread = MethodHandles.publicLookup()
			.findStatic(Thread.class, "startVirtualThread", MethodType.methodType(Thread.class, Runnable.class));
		VirtualThreadRegistry registry = new VirtualThreadRegistry(100_000);
		this.task = this.registration.equals("on") ? () -> {
			try (VirtualThreadRegistry.Registration registered = registry.register("http request")) {
				nothing();
			}
		} : VirtualThreadRegistrationBenchmark::nothing;
	}

	/** Starts a virtual thread running the task and waits for it to end. */
	@Benchmark
	public void startAndJoin() throws Throwable {
		((Thread) this.startVirtualThread.invoke(this.task)).join();
	}

	private static void nothing() {
	}

}
