package io.github.threadleaks.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.SynchronousQueue;

import io.github.threadleaks.core.JvmThreadSource;
import io.github.threadleaks.core.ManualClock;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.ThreadLeakReport;
import io.github.threadleaks.core.ThreadLeaksSettings;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * A web application with the starter and a real leak: threads blocked for ever in
 * {@link SynchronousQueue#put}, one more per step. Its monitor is the application's own,
 * on a clock the test moves a second per sample, so the test decides when samples are
 * taken.
 */
final class LeakingApplication implements AutoCloseable {

	/** The normalized name of the leaked threads' group. */
	static final String GROUP_NAME = "orders-replica-#";

	private final SynchronousQueue<Object> queue = new SynchronousQueue<>();

	private final List<Thread> threads = new ArrayList<>();

	private final ManualClock clock = new ManualClock();

	private final ThreadLeakMonitor monitor = new ThreadLeakMonitor(ThreadLeaksSettings.builder()
		// The sampler's first sample at start-up, then none: the test takes the
		// others.
		.sampleInterval(Duration.ofHours(1))
		.window(5)
		.minGrowth(2)
		// Stuck after one still sample: three samples of growth leave two of three
		// members judged, enough evidence for the rule.
		.minStillSamples(1)
		.build(), new JvmThreadSource(), this.clock);

	private final ConfigurableApplicationContext context;

	LeakingApplication() {
		this.context = new SpringApplicationBuilder(Application.class)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
					"logging.level.root=warn", "spring.application.name=orders",
					// Spring Boot Admin's Thymeleaf is on this test's classpath too.
					"spring.thymeleaf.check-template-location=false",
					"management.endpoints.web.exposure.include=health,info,threadleaks")
			.initializers((context) -> context.getBeanFactory().registerSingleton("ordersLeakMonitor", this.monitor))
			.run();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.context.getEnvironment().getRequiredProperty("local.server.port");
	}

	/** Leaks one more thread and samples, until the group is suspected. */
	void leakUntilSuspected() {
		awaitFirstSample();
		ThreadLeakReport report = sample();
		for (int i = 0; i < 3; i++) {
			leakOne();
			report = sample();
		}
		if (report.suspects().stream().noneMatch((group) -> group.name().equals(GROUP_NAME))) {
			throw new IllegalStateException("Expected the leak to be suspected: " + report);
		}
	}

	private void awaitFirstSample() {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (this.monitor.report().samples() == 0) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("No first sample within 30s");
			}
			Thread.onSpinWait();
			Thread.yield();
		}
	}

	private ThreadLeakReport sample() {
		this.clock.advance(Duration.ofSeconds(1));
		return this.monitor.sample();
	}

	private void leakOne() {
		Thread thread = new Thread(() -> {
			try {
				this.queue.put(Thread.currentThread().getName());
			}
			catch (InterruptedException ex) {
				// Ended by close().
			}
		}, "orders-replica-" + (this.threads.size() + 1));
		thread.setDaemon(true);
		this.threads.add(thread);
		thread.start();
		while (thread.getState() != Thread.State.WAITING) {
			Thread.onSpinWait();
			Thread.yield();
		}
	}

	@Override
	public void close() {
		this.context.close();
		for (Thread thread : this.threads) {
			thread.interrupt();
		}
		try {
			for (Thread thread : this.threads) {
				thread.join();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}
