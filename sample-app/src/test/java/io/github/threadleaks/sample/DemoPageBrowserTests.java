package io.github.threadleaks.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.threadleaks.core.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
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

	private static final Path SCREENSHOT = Path.of(System.getProperty("basedir", "."), "target",
			"demo-page-leak-suspected.png");

	@Test
	void clickedLeakShowsAsHighlightedSuspectUntilReleased() throws IOException {
		try (HeadlessChromium browser = HeadlessChromium.start()) {
			leakAndRelease(browser);
		}
	}

	private void leakAndRelease(HeadlessChromium browser) throws IOException {
		WebDriver driver = browser.driver();
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
		browser.screenshot(SCREENSHOT);

		wait.until(ExpectedConditions.elementToBeClickable(By.id("release-forgotten-sender"))).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(leak, "0 leaked"));
		app.sample();
		wait.until(ExpectedConditions.attributeToBe(By.id("status"), "data-status", "OK"));
		wait.until(ExpectedConditions.attributeToBe(By.id("health"), "data-status", "UP"));
		assertThat(driver.findElements(By.cssSelector("tr.suspect"))).isEmpty();
	}

}
