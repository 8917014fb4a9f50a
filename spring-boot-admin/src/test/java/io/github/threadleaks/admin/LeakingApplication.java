package io.github.threadleaks.admin;

import java.time.Duration;
import java.util.concurrent.SynchronousQueue;

import io.github.threadleaks.core.BlockedSenders;
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

	private final BlockedSenders senders = new BlockedSenders("orders-replica-");

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
			this.senders.leak(1);
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

	@Override
	public void close() {
		this.context.close();
		this.senders.close();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}
