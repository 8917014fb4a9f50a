package io.github.threadleaks.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's chromium, headless, driven through its chromedriver (both found on
 * {@code PATH} by {@link SystemBinary}), with a new empty profile that {@link #close()}
 * deletes. The pages' tests share it through this module's test-jar.
 */
public final class HeadlessChromium implements AutoCloseable {

	private static final String INSTALL = "apt-get install chromium chromium-driver";

	private final Path profile;

	private final ChromeDriverService service;

	private final WebDriver driver;

	private HeadlessChromium(Path chromium, Path chromedriver) throws IOException {
		this.profile = Files.createTempDirectory("threadleaks-chromium-");
		// The driver's path is given, so Selenium Manager never looks for (or downloads)
		// one.
		this.service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
			.usingAnyFreePort()
			.build();
		try {
			this.driver = new ChromeDriver(this.service, options(chromium, this.profile));
		}
		catch (RuntimeException ex) {
			this.service.stop();
			deleteRecursively(this.profile);
			throw ex;
		}
	}

	/**
	 * Starts the browser; skips the test (fails it on CI) where chromium or chromedriver
	 * is missing.
	 * @return the running browser
	 * @throws IOException where its profile directory cannot be made
	 */
	public static HeadlessChromium start() throws IOException {
		Path chromium = SystemBinary.require("chromium", INSTALL);
		Path chromedriver = SystemBinary.require("chromedriver", INSTALL);
		return new HeadlessChromium(chromium, chromedriver);
	}

	/**
	 * The driver of the browser's one window.
	 * @return the driver
	 */
	public WebDriver driver() {
		return this.driver;
	}

	/**
	 * Saves what the window shows now as a PNG file, evidence left under {@code target/}.
	 * @param file where to save it; its directory is made where missing
	 * @throws IOException where it cannot be written
	 */
	public void screenshot(Path file) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		Files.copy(((TakesScreenshot) this.driver).getScreenshotAs(OutputType.FILE).toPath(), file,
				StandardCopyOption.REPLACE_EXISTING);
	}

	/** Quits the browser, stops the driver and deletes the profile. */
	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			this.service.stop();
			deleteRecursively(this.profile);
		}
	}

	private static ChromeOptions options(Path chromium, Path profile) {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium.toFile());
		// Headless as root in a container, and nothing that would reach the network
		// beyond the servers under test.
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
