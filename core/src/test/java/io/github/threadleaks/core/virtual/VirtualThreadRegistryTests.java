package io.github.threadleaks.core.virtual;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;

import io.github.threadleaks.core.InvalidSettingException;
import io.github.threadleaks.core.ManualClock;
import io.github.threadleaks.core.ThreadCensus;
import io.github.threadleaks.core.ThreadLeakReport;
import io.github.threadleaks.core.ThreadLeaksSettings;
import io.github.threadleaks.core.VirtualThreadsReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Virtual threads registered while they run a unit of work, and the source that lists
 * them: what a Spring app uses where the JVM runs without the option that opens the
 * thread containers. The threads are real virtual threads parked in real JDK primitives.
 */
class VirtualThreadRegistryTests {

	private static final ThreadLeaksSettings SETTINGS = ThreadLeaksSettings.builder().window(5).minGrowth(10).build();

	private static final VirtualThreadSettings VIRTUAL = VirtualThreadSettings.builder()
		.interval(Duration.ofSeconds(30))
		.maxSampleTime(Duration.ofMinutes(1))
		.build();

	private final ManualClock clock = new ManualClock();

	@Test
	void platformThreadsAreNeverKept() {
		VirtualThreadRegistry registry = new VirtualThreadRegistry(10);
		try (VirtualThreadRegistry.Registration registration = registry.register("http request")) {
			assertThat(registry.size()).isZero();
		}
		assertThat(registry.refused()).isZero();
	}

	@Test
	void aMaxThreadsBelowOneIsRefusedNamingTheProperty() {
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> new VirtualThreadRegistry(0))
			.satisfies((ex) -> assertThat(ex.setting()).isEqualTo("virtual-threads.max-threads"));
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads are JDK 21+")
	void aThreadIsKeptUntilItsRegistrationClosesAndNestingKeepsTheOuterOne() throws Exception {
		VirtualThreadRegistry registry = new VirtualThreadRegistry(10);
		List<Integer> sizes = new ArrayList<>();
		List<String> labels = new ArrayList<>();
		try (VirtualThreads threads = new VirtualThreads()) {
			threads.start(1, () -> {
				try (VirtualThreadRegistry.Registration outer = registry.register("http request")) {
					try (VirtualThreadRegistry.Registration inner = registry.register("task executor")) {
						sizes.add(registry.size());
					}
					// The inner unit ended: the thread is still in the outer one, under
					// the outer label.
					sizes.add(registry.size());
					registry.forEach((thread, label) -> labels.add(label));
					outer.close();
					sizes.add(registry.size());
				}
				sizes.add(registry.size());
				return null;
			});
		}
		assertThat(sizes).containsExactly(1, 1, 0, 0);
		assertThat(labels).containsExactly("http request");
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads are JDK 21+")
	void registrationsPastMaxThreadsAreRefusedAndCounted() throws Exception {
		VirtualThreadRegistry registry = new VirtualThreadRegistry(3);
		CountDownLatch never = new CountDownLatch(1);
		try (VirtualThreads threads = new VirtualThreads()) {
			threads.start(5, () -> {
				try (VirtualThreadRegistry.Registration registration = registry.register("task executor")) {
					never.await();
				}
				return null;
			});
			threads.awaitStarted(5, Thread.State.WAITING);
			assertThat(registry.size()).isEqualTo(3);
			assertThat(registry.refused()).isEqualTo(2);
		}
		assertThat(registry.size()).isZero();
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads are JDK 21+")
	void theContainersWinOverARegistryWhereTheyAreOpenAndTheRegistryRunsWhereTheyAreNot() {
		VirtualThreadMonitor monitor = VirtualThreadMonitor.of(SETTINGS, VirtualThreadSettings.defaults(),
				new VirtualThreadRegistry(10));
		// The build opens the containers on JDK 21+: they win over the registry; without
		// the option it runs.
		VirtualThreadsReport.Source expected = (ContainerThreadSource.unavailableReason() == null)
				? VirtualThreadsReport.Source.CONTAINERS : VirtualThreadsReport.Source.REGISTERED;
		assertThat(monitor.status().source()).isEqualTo(expected);
		assertThat(monitor.isAvailable()).isTrue();
	}

	@Test
	void aDisabledMonitorIgnoresTheRegistry() {
		VirtualThreadMonitor monitor = VirtualThreadMonitor.of(SETTINGS,
				VirtualThreadSettings.builder().enabled(false).build(), new VirtualThreadRegistry(10));
		assertThat(monitor.status().status()).isEqualTo(VirtualThreadsReport.Status.DISABLED);
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads are JDK 21+")
	void registeredThreadsPilingUpInPutAreSuspectedUnderTheirLabelAndUnregisteredOnesAreNotSeen() throws Exception {
		VirtualThreadRegistry registry = new VirtualThreadRegistry(100_000);
		RegisteredThreadSource source = new RegisteredThreadSource(registry, 32);
		VirtualThreadMonitor monitor = new VirtualThreadMonitor(SETTINGS, VIRTUAL, source, this.clock);
		SynchronousQueue<Object> queue = new SynchronousQueue<>();
		CountDownLatch unregistered = new CountDownLatch(1);
		try (VirtualThreads threads = new VirtualThreads()) {
			threads.start(50, () -> {
				unregistered.await();
				return null;
			});
			for (int step = 1; step <= 5; step++) {
				threads.start(100, () -> {
					try (VirtualThreadRegistry.Registration registration = registry.register("http request")) {
						queue.put(new Object());
					}
					return null;
				});
				threads.awaitStarted(50 + 100 * step, Thread.State.WAITING);
				monitor.sample();
				this.clock.advance(VIRTUAL.interval().orElseThrow());
			}
			ThreadLeakReport report = monitor.report();
			assertThat(report.threads()).isEqualTo(500);
			assertThat(report.suspects()).singleElement().satisfies((suspect) -> {
				assertThat(suspect.virtual()).isTrue();
				assertThat(suspect.container()).isEqualTo("http request");
				assertThat(suspect.history()).containsExactly(100, 200, 300, 400, 500);
				assertThat(suspect.blockedAt()).startsWith("java.util.concurrent.SynchronousQueue.put(");
			});
		}
		assertThat(registry.size()).as("every unit ended, so every thread unregistered").isZero();
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads are JDK 21+")
	void aParkedRegisteredThreadIsStillAndOneThatParkedElsewhereMoved() throws Exception {
		VirtualThreadRegistry registry = new VirtualThreadRegistry(10);
		RegisteredThreadSource source = new RegisteredThreadSource(registry, 32);
		CountDownLatch first = new CountDownLatch(1);
		CountDownLatch second = new CountDownLatch(1);
		try (VirtualThreads threads = new VirtualThreads()) {
			threads.start(1, () -> {
				try (VirtualThreadRegistry.Registration registration = registry.register("mover")) {
					first.await();
					return new SynchronousQueue<>().take();
				}
			});
			threads.start(1, () -> {
				try (VirtualThreadRegistry.Registration registration = registry.register("sitter")) {
					second.await();
				}
				return null;
			});
			threads.awaitStarted(2, Thread.State.WAITING);
			List<ThreadCensus> before = source.census();
			ThreadCensus mover = byContainer(source, before, "mover");
			ThreadCensus sitter = byContainer(source, before, "sitter");
			first.countDown();
			while (!source.census()
				.stream()
				.anyMatch((thread) -> thread.id() == mover.id() && thread.state() == Thread.State.WAITING
						&& source.stacks(new long[] { thread.id() }, 32)
							.get(thread.id())
							.stream()
							.anyMatch((frame) -> frame.methodName().equals("take")))) {
				Thread.onSpinWait();
				Thread.yield();
			}
			List<ThreadCensus> after = source.census();
			assertThat(byId(after, sitter.id()).stillSince(sitter)).isTrue();
			assertThat(byId(after, mover.id()).stillSince(mover)).isFalse();
		}
	}

	private static ThreadCensus byContainer(RegisteredThreadSource source, List<ThreadCensus> census, String label) {
		return census.stream()
			.filter((thread) -> label.equals(source.container(thread.id())))
			.findFirst()
			.orElseThrow();
	}

	private static ThreadCensus byId(List<ThreadCensus> census, long id) {
		return census.stream().filter((thread) -> thread.id() == id).findFirst().orElseThrow();
	}

}
