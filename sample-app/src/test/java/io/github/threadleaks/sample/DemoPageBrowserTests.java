package io.github.threadleaks.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo page in a real browser (the system's headless chromium, driven through its
 * chromedriver): clicking a leak button request after request, between samples the test
 * takes, makes the page show that pattern's group highlighted as the suspect, the status
 * and health badges turn red, and releasing it turns them back. A screenshot of the
 * suspect is left under {@code target/} as evidence.
 */
class DemoPageBrowserTests extends SampleAppTestSupport {

	private static final String INSTALL = "apt-get install chromium chromium-driver";

	private static final Path SCREENSHOT = Path.of(System.getProperty("basedir", "."), "target",
			"demo-page-leak-suspected.png");

	@Test
	void clickedLeakShowsAsHighlightedSuspectUntilReleased() throws IOException {
		Path chromium = SystemBinary.require("chromium", INSTALL);
		Path chromedriver = SystemBinary.require("chromedriver", INSTALL);
		Path profile = Files.createTempDirectory("threadleaks-chromium-");
		// The driver's path is given, so Selenium Manager never looks for (or downloads)
		// one.
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
			.usingAnyFreePort()
			.build();
		WebDriver driver = null;
		try {
			driver = new ChromeDriver(service, options(chromium, profile));
			leakAndRelease(driver);
		}
		finally {
			if (driver != null) {
				driver.quit();
			}
			service.stop();
			deleteRecursively(profile);
		}
	}

	private void leakAndRelease(WebDriver driver) throws IOException {
		WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
		driver.get(app.baseUrl() + "/");
		By leak = By.id("leak-forgotten-sender");
		for (int click = 1; click <= 3; click++) {
			wait.until(ExpectedConditions.elementToBeClickable(leak)).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(leak, (2 * click) + " leaked"));
			app.sample();
		}
		// A member counts as stuck once it has sat still for 3 samples: the first click's
		// have, one sample on.
		app.sample();

		WebElement suspect = wait.until(ExpectedConditions
			.visibilityOfElementLocated(By.cssSelector("tr.suspect[data-name='search-replica-#']")));
		wait.until(ExpectedConditions.attributeToBe(By.id("status"), "data-status", "LEAK_SUSPECTED"));
		wait.until(ExpectedConditions.attributeToBe(By.id("health"), "data-status", "DOWN"));
		assertThat(driver.findElements(By.cssSelector("tr.suspect"))).as("highlighted rows").hasSize(1);
		List<WebElement> cells = suspect.findElements(By.tagName("td"));
		assertThat(cells.get(1).getText()).isEqualTo("WAITING");
		assertThat(cells.get(2).getText()).isEqualTo("6");
		assertThat(cells.get(3).findElement(By.cssSelector("svg.spark polyline")).getAttribute("points").split(" "))
			.hasSizeGreaterThanOrEqualTo(3);
		assertThat(cells.get(4).getText()).matches("\\d+(s|m\\d+s|h\\d+m)");
		// Where the threads wait, as the report's blockedAt says: the JDK call, then the
		// sample's own frame.
		assertThat(cells.get(5).getText()).contains("java.util.concurrent.SynchronousQueue.put(")
			.contains("ForgottenSender")
			.contains("suspected");
		Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT,
				StandardCopyOption.REPLACE_EXISTING);

		wait.until(ExpectedConditions.elementToBeClickable(By.id("release-forgotten-sender"))).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(leak, "0 leaked"));
		app.sample();
		wait.until(ExpectedConditions.attributeToBe(By.id("status"), "data-status", "OK"));
		wait.until(ExpectedConditions.attributeToBe(By.id("health"), "data-status", "UP"));
		assertThat(driver.findElements(By.cssSelector("tr.suspect"))).isEmpty();
	}

	private static ChromeOptions options(Path chromium, Path profile) {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium.toFile());
		// Headless as root in a container, and nothing that would reach the network
		// beyond the app under test.
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1400,1000", "--user-data-dir=" + profile);
		return options;
	}

	private static void deleteRecursively(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete the browser profile " + directory, ex);
		}
	}

}
