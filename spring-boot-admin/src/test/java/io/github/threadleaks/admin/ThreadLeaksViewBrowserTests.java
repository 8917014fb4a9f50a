package io.github.threadleaks.admin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.github.threadleaks.core.BlockedSenders;
import io.github.threadleaks.core.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The view in a real browser (the system's headless chromium, driven through its
 * chromedriver) on a real Spring Boot Admin server with this module, reading a real
 * application that leaks threads, registered by {@code POST /instances}: the suspect is
 * shown first with its state, count, history, stuck time, explanation and frames, and the
 * other groups below. A screenshot is left under {@code target/} as evidence.
 */
class ThreadLeaksViewBrowserTests {

	private static final Path SCREENSHOT = Path.of(System.getProperty("basedir", "."), "target",
			"spring-boot-admin-thread-leaks.png");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@Test
	void viewShowsTheSuspectOfARegisteredApplication() throws Exception {
		// The server first: its threads, in this same JVM, are then there from the
		// application's first sample on and never look like growth.
		try (ConfigurableApplicationContext admin = new SpringApplicationBuilder(AdminServer.class)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
					"logging.level.root=warn", "threadleaks.enabled=false")
			.run(); LeakingApplication app = new LeakingApplication()) {
			app.leakUntilSuspected();
			String adminUrl = "http://127.0.0.1" + ":"
					+ admin.getEnvironment().getRequiredProperty("local.server.port");
			String id = register(adminUrl, app.baseUrl());
			awaitEndpoint(adminUrl, id, "threadleaks");
			try (HeadlessChromium browser = HeadlessChromium.start()) {
				checkView(browser, adminUrl + "/instances/" + id + "/threadleaks");
			}
		}
	}

	private static void checkView(HeadlessChromium browser, String url) throws IOException {
		WebDriver driver = browser.driver();
		WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
		driver.get(url);
		WebElement suspect = wait.until(ExpectedConditions.visibilityOfElementLocated(
				By.cssSelector("section.threadleaks-suspect[data-name='" + LeakingApplication.GROUP_NAME + "']")));
		assertThat(driver.findElement(By.cssSelector(".threadleaks-status")).getAttribute("data-status"))
			.isEqualTo("LEAK_SUSPECTED");
		assertThat(suspect.findElement(By.tagName("h2")).getText()).contains("SUSPECTED")
			.contains(LeakingApplication.GROUP_NAME);
		assertThat(suspect.findElement(By.cssSelector(".threadleaks-state")).getText()).isEqualTo("WAITING");
		assertThat(suspect.findElement(By.cssSelector(".threadleaks-count")).getText()).isEqualTo("3");
		assertThat(suspect.findElement(By.cssSelector(".threadleaks-growth")).getText()).isEqualTo("+2");
		assertThat(suspect.findElement(By.cssSelector(".threadleaks-stuck")).getText()).matches("\\d+(ms|s)");
		assertThat(
				suspect.findElement(By.cssSelector(".threadleaks-history polyline")).getAttribute("points").split(" "))
			.hasSizeGreaterThanOrEqualTo(3);
		assertThat(suspect.findElement(By.cssSelector(".threadleaks-blocked-at")).getText())
			.contains("java.util.concurrent.SynchronousQueue.put(");
		assertThat(suspect.findElement(By.cssSelector(".threadleaks-explanation")).getText()).contains("suspected");
		assertThat(suspect.findElement(By.cssSelector(".threadleaks-frames")).getText())
			.contains(BlockedSenders.class.getName());
		// The suspects come first, the other groups after them, in their own table.
		List<WebElement> sections = driver.findElements(By.cssSelector(".threadleaks > section, .threadleaks > table"));
		assertThat(sections.get(0).getAttribute("data-name")).isEqualTo(LeakingApplication.GROUP_NAME);
		assertThat(driver.findElements(By.cssSelector("tr.threadleaks-group"))).isNotEmpty()
			.noneMatch((row) -> LeakingApplication.GROUP_NAME.equals(row.getAttribute("data-name")));
		browser.screenshot(SCREENSHOT);
	}

	/** Registers the application as SBA's client would, and answers its instance id. */
	private static String register(String adminUrl, String appUrl) throws IOException, InterruptedException {
		String registration = JSON.writeValueAsString(Map.of("name", "orders", "managementUrl", appUrl + "/actuator",
				"healthUrl", appUrl + "/actuator/health", "serviceUrl", appUrl + "/"));
		HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(adminUrl + "/instances"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(registration))
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return JSON.readTree(response.body()).path("id").asString();
	}

	/**
	 * Waits until the server has read the instance's actuator index and found the
	 * endpoint.
	 */
	private static void awaitEndpoint(String adminUrl, String id, String endpoint)
			throws IOException, InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (true) {
			HttpResponse<String> response = CLIENT
				.send(HttpRequest.newBuilder(URI.create(adminUrl + "/instances/" + id))
					.timeout(Duration.ofSeconds(30))
					.build(), HttpResponse.BodyHandlers.ofString());
			JsonNode endpoints = JSON.readTree(response.body()).path("endpoints");
			for (JsonNode found : endpoints) {
				if (endpoint.equals(found.path("id").asString())) {
					return;
				}
			}
			assertThat(System.nanoTime()).as("endpoint " + endpoint + " detected within 60s: " + response.body())
				.isLessThan(deadline);
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
		}
	}

}
