package io.github.threadleaks.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.github.threadleaks.core.ThreadLeakReport;
import io.github.threadleaks.core.ThreadLeaksSettings;
import io.github.threadleaks.core.VirtualThreadsReport;
import io.github.threadleaks.core.virtual.ContainerThreadSource;
import io.github.threadleaks.core.virtual.PlatformAndVirtualMonitors;
import io.github.threadleaks.core.virtual.VirtualThreadMonitor;
import io.github.threadleaks.core.virtual.VirtualThreadRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Boot web app serving on virtual threads in a JVM started WITHOUT the option that
 * opens the JDK's thread containers (the build runs this class in a JVM of its own
 * without it): the virtual threads Spring starts for requests, {@code @Async} tasks and
 * the scheduler's tasks are registered and watched, on real Tomcat over real HTTP, with
 * handlers and tasks parked on a real {@link CountDownLatch}. The test takes every sample
 * itself.
 */
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads are JDK 21+")
class VirtualThreadsWithoutTheJvmOptionTests {

	private static final String CLIENT_THREADS = "test-http-client";

	private static final int REQUESTS_PER_STEP = 3;

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	/**
	 * What the stuck handlers and tasks wait for; a new one per test, counted down after
	 * it.
	 */
	static volatile CountDownLatch release = new CountDownLatch(1);

	/**
	 * The threads parked on {@link #release}, so that the test waits until they all are.
	 */
	static final ConcurrentLinkedQueue<Thread> parked = new ConcurrentLinkedQueue<>();

	/** The threads the application's own {@link TaskDecorator} ran a task on. */
	static final ConcurrentLinkedQueue<Thread> decorated = new ConcurrentLinkedQueue<>();

	private static ConfigurableApplicationContext context;

	private static int port;

	private final ExecutorService clients = Executors.newCachedThreadPool((task) -> new Thread(task, CLIENT_THREADS));

	private final List<Future<Integer>> pending = new ArrayList<>();

	@BeforeAll
	static void start() {
		context = new SpringApplicationBuilder(Application.class)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
					"logging.level.root=warn", "spring.threads.virtual.enabled=true", "threadleaks.sample-interval=1h",
					"threadleaks.virtual-threads.interval=1h", "threadleaks.virtual-threads.max-interval=1h",
					"management.endpoints.web.exposure.include=health,threadleaks",
					"management.endpoint.health.show-details=always",
					"management.endpoint.health.show-components=always",
					"threadleaks.ignore.thread-names=" + CLIENT_THREADS)
			.run();
		port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	@AfterAll
	static void stop() {
		if (context != null) {
			context.close();
		}
	}

	@AfterEach
	void releaseEverything() throws Exception {
		release.countDown();
		for (Future<Integer> request : this.pending) {
			assertThat(request.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(200);
		}
		this.clients.shutdownNow();
		assertThat(this.clients.awaitTermination(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		VirtualThreadRegistry registry = context.getBean(VirtualThreadRegistry.class);
		awaitUntil(() -> registry.size() == 0, "every registered thread to end");
		parked.clear();
		decorated.clear();
		release = new CountDownLatch(1);
	}

	@Test
	void withoutTheOptionTheRegisteredThreadsAreWatchedAndTheReportSaysWhy() {
		assertThat(ContainerThreadSource.unavailableReason()).as("this JVM runs without the option")
			.startsWith("the JVM was started without");
		Map<?, ?> report = json(get("/actuator/threadleaks", 200));
		Map<?, ?> virtualThreads = (Map<?, ?>) report.get("virtualThreads");
		assertThat(virtualThreads.get("status")).isEqualTo("AVAILABLE");
		assertThat(virtualThreads.get("source")).isEqualTo("REGISTERED");
		assertThat((String) virtualThreads.get("reason")).contains(ContainerThreadSource.JVM_FLAG)
			.contains("only the virtual threads the application's framework registers");
	}

	@Test
	void requestHandlersBlockedForeverAreSuspectedWithHealthDownAndTheAlertMetricAtTheDefaults() {
		VirtualThreadMonitor virtualThreads = context.getBean(VirtualThreadMonitor.class);
		PlatformAndVirtualMonitors reports = context.getBean(PlatformAndVirtualMonitors.class);
		int window = ThreadLeaksSettings.defaults().window();
		for (int step = 1; step <= window; step++) {
			for (int i = 0; i < REQUESTS_PER_STEP; i++) {
				this.pending.add(this.clients.submit(() -> get("/stuck", 200).status()));
			}
			awaitParked(REQUESTS_PER_STEP * step);
			virtualThreads.sample();
		}
		ThreadLeakReport report = reports.sample();

		assertThat(report.virtualThreads()).isNotNull();
		assertThat(report.virtualThreads().source()).isEqualTo(VirtualThreadsReport.Source.REGISTERED);
		assertThat(report.suspects()).singleElement().satisfies((suspect) -> {
			assertThat(suspect.virtual()).isTrue();
			assertThat(suspect.container()).isEqualTo(VirtualThreadRegistrationFilter.LABEL);
			assertThat(suspect.count()).isEqualTo(REQUESTS_PER_STEP * window);
			assertThat(suspect.blockedAt()).startsWith("java.util.concurrent.CountDownLatch.await(")
				.contains(Stuck.class.getName());
		});
		Response health = get("/actuator/health", 503);
		Map<?, ?> threadLeaks = (Map<?, ?>) ((Map<?, ?>) json(health).get("components")).get("threadLeaks");
		assertThat(threadLeaks.get("status")).isEqualTo("DOWN");
		assertThat(context.getBean(MeterRegistry.class).get("threadleaks.suspected.groups").gauge().value())
			.isEqualTo(1);
	}

	@Test
	void anAsyncTaskBlockedForeverIsRegisteredAndTheApplicationsOwnTaskDecoratorStillRuns() {
		VirtualThreadMonitor virtualThreads = context.getBean(VirtualThreadMonitor.class);
		VirtualThreadRegistry registry = context.getBean(VirtualThreadRegistry.class);
		assertThat(get("/async", 200).body()).isEqualTo("started");
		awaitParked(1);
		awaitUntil(() -> registry.size() == 1, "the request's thread to be unregistered, the task's to stay");
		ThreadLeakReport report = virtualThreads.sample();
		assertThat(report.groups()).singleElement().satisfies((group) -> {
			assertThat(group.container()).isEqualTo(VirtualThreadRegistrationTaskDecorator.LABEL);
			assertThat(group.count()).isEqualTo(1);
			assertThat(group.frames())
				.anySatisfy((frame) -> assertThat(frame.toString()).contains(StuckTasks.class.getName() + ".task("));
		});
		assertThat(decorated).containsExactlyElementsOf(parked);
	}

	@Test
	void aTaskOfTheAutoConfiguredSchedulerBlockedForeverIsRegistered() {
		VirtualThreadMonitor virtualThreads = context.getBean(VirtualThreadMonitor.class);
		context.getBean(TaskScheduler.class).schedule(StuckTasks::scheduled, Instant.now());
		awaitParked(1);
		ThreadLeakReport report = virtualThreads.sample();
		assertThat(report.groups()).singleElement().satisfies((group) -> {
			assertThat(group.container()).isEqualTo(VirtualThreadRegistrationTaskDecorator.LABEL);
			assertThat(group.name()).startsWith("scheduling-");
			assertThat(group.frames()).anySatisfy(
					(frame) -> assertThat(frame.toString()).contains(StuckTasks.class.getName() + ".scheduled("));
		});
	}

	@Test
	void aFinishedRequestIsUnregistered() {
		VirtualThreadRegistry registry = context.getBean(VirtualThreadRegistry.class);
		assertThat(get("/registered", 200).body()).as("registered while it ran").isEqualTo("1");
		awaitUntil(() -> registry.size() == 0, "the request's thread to be unregistered");
		assertThat(registry.refused()).isZero();
	}

	@Test
	void theStartUpAdviceSaysWhatIsWatchedAndHowToWatchEverything() {
		VirtualThreadsReport status = context.getBean(VirtualThreadMonitor.class).status();
		assertThat(VirtualThreadSampler.howToWatchAll(status.reason()))
			.startsWith("Virtual threads: the JVM was started without " + ContainerThreadSource.JVM_FLAG
					+ ": only the virtual threads the application's framework registers")
			.containsOnlyOnce("are watched")
			.contains("java " + ContainerThreadSource.JVM_FLAG + " -jar app.jar");
	}

	@Test
	void theRegistryAndWhatFillsItAreConfiguredOnlyWhereSpringServesOnVirtualThreads() {
		WebApplicationContextRunner web = new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ThreadLeaksAutoConfiguration.class))
			.withPropertyValues("threadleaks.sample-interval=1h", "threadleaks.virtual-threads.interval=1h",
					"threadleaks.virtual-threads.max-interval=1h");
		web.withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(VirtualThreadRegistry.class)
				.hasSingleBean(VirtualThreadRegistrationTaskDecorator.class)
				.hasSingleBean(FilterRegistrationBean.class);
			assertThat(context.getBean(VirtualThreadMonitor.class).status().source())
				.isEqualTo(VirtualThreadsReport.Source.REGISTERED);
		});
		web.run((context) -> assertThat(context).doesNotHaveBean(VirtualThreadRegistry.class)
			.doesNotHaveBean(VirtualThreadRegistrationTaskDecorator.class)
			.doesNotHaveBean(FilterRegistrationBean.class));
		web.withPropertyValues("spring.threads.virtual.enabled=true", "threadleaks.virtual-threads.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(VirtualThreadRegistry.class)
				.doesNotHaveBean(FilterRegistrationBean.class));
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ThreadLeaksAutoConfiguration.class))
			.withPropertyValues("spring.threads.virtual.enabled=true", "threadleaks.sample-interval=1h",
					"threadleaks.virtual-threads.interval=1h", "threadleaks.virtual-threads.max-interval=1h")
			.run((context) -> assertThat(context).hasSingleBean(VirtualThreadRegistry.class)
				.hasSingleBean(VirtualThreadRegistrationTaskDecorator.class)
				.doesNotHaveBean(FilterRegistrationBean.class));
	}

	private void awaitParked(int count) {
		awaitUntil(
				() -> parked.size() >= count
						&& parked.stream().allMatch((thread) -> thread.getState() == Thread.State.WAITING),
				count + " threads parked");
	}

	/** Polls, with yields and for at most thirty seconds, until a condition holds. */
	private static void awaitUntil(BooleanSupplier condition, String description) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime() - deadline).as("waiting for " + description).isNegative();
			Thread.onSpinWait();
			Thread.yield();
		}
	}

	private static Response get(String path, int expectedStatus) {
		try {
			HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path)
				.toURL()
				.openConnection();
			connection.setConnectTimeout((int) TIMEOUT.toMillis());
			connection.setReadTimeout((int) TIMEOUT.toMillis() * 4);
			int status = connection.getResponseCode();
			InputStream stream = (status < 400) ? connection.getInputStream() : connection.getErrorStream();
			String body = "";
			if (stream != null) {
				try (stream) {
					body = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
				}
			}
			assertThat(status).as("GET " + path + ": " + body).isEqualTo(expectedStatus);
			return new Response(status, body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Map<?, ?> json(Response response) {
		return JsonMapper.builder().build().readValue(response.body(), Map.class);
	}

	record Response(int status, String body) {
	}

	/** Handlers and a task that park on {@link #release} until the test ends. */
	@RestController
	static class Stuck {

		private final StuckTasks tasks;

		private final VirtualThreadRegistry registry;

		Stuck(StuckTasks tasks, VirtualThreadRegistry registry) {
			this.tasks = tasks;
			this.registry = registry;
		}

		@GetMapping("/stuck")
		String stuck() throws InterruptedException {
			parked.add(Thread.currentThread());
			release.await();
			return "released";
		}

		@GetMapping("/async")
		String async() {
			this.tasks.task();
			return "started";
		}

		@GetMapping("/registered")
		String registered() {
			return String.valueOf(this.registry.size());
		}

	}

	/** An {@code @Async} task that parks on {@link #release}. */
	@Service
	static class StuckTasks {

		@Async
		void task() {
			park();
		}

		static void scheduled() {
			park();
		}

		private static void park() {
			parked.add(Thread.currentThread());
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableAsync
	@EnableScheduling
	static class Application {

		@Bean
		Stuck stuck(StuckTasks tasks, VirtualThreadRegistry registry) {
			return new Stuck(tasks, registry);
		}

		@Bean
		StuckTasks stuckTasks() {
			return new StuckTasks();
		}

		/**
		 * The application's own decorator, which must keep running beside threadleaks'.
		 */
		@Bean
		TaskDecorator applicationTaskDecorator() {
			return (task) -> () -> {
				decorated.add(Thread.currentThread());
				task.run();
			};
		}

		// Spring Security is on this module's test class path: open everything, nothing
		// here is about access.
		@Bean
		SecurityFilterChain openToAll(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
			return http.build();
		}

	}

}
