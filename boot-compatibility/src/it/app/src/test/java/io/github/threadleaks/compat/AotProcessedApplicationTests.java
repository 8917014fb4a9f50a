package io.github.threadleaks.compat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application as processed ahead of time by {@code spring-boot:process-aot} (bound
 * before the tests in this build), run on the JVM with {@code -Dspring.aot.enabled=true}
 * in a child process: the auto-configurations work from the generated initializer, and
 * the AOT run wrote the starter's runtime hints for a native image.
 */
class AotProcessedApplicationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private static final Pattern PORT = Pattern.compile("started on port (\\d+)");

	private static final String END = "\u0000end";

	@Test
	void buildHasTheGeneratedInitializerAndTheStartersHints() throws IOException {
		assertThat(CompatibilityApplication.class.getClassLoader()
			.getResource("io/github/threadleaks/compat/CompatibilityApplication__ApplicationContextInitializer.class"))
			.as("the AOT-generated initializer").isNotNull();
		Path nativeImage = Path.of(System.getProperty("basedir", "."), "target", "classes", "META-INF",
				"native-image");
		assertThat(nativeImage).isDirectory();
		try (Stream<Path> files = Files.walk(nativeImage)) {
			String metadata = String.join("\n",
					files.filter(Files::isRegularFile).map(AotProcessedApplicationTests::read).toList());
			assertThat(metadata).contains("isVirtual", "com.sun.management.HotSpotDiagnosticMXBean",
					"io.github.threadleaks.autoconfigure.endpoint.StackGroupDescriptor");
		}
	}

	@Test
	void runsAotProcessedOnTheJvm() throws Exception {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Process process = new ProcessBuilder(java.toString(), "-Dspring.aot.enabled=true", "-cp",
				System.getProperty("java.class.path"), CompatibilityApplication.class.getName(), "--server.port=0",
				"--server.address=127.0.0.1", "--spring.main.banner-mode=off")
			.redirectErrorStream(true)
			.start();
		BlockingQueue<String> lines = new LinkedBlockingQueue<>();
		Thread reader = new Thread(() -> readLines(process, lines), "aot-app-output");
		reader.start();
		StringBuilder log = new StringBuilder();
		try {
			int port = awaitPort(lines, log);
			assertThat(log).as("the start-up log").contains("AOT-processed");
			String base = "http://127.0.0.1:" + port;
			JsonNode report = JSON.readTree(get(base + "/actuator/threadleaks", "application/json"));
			assertThat(report.path("status").asString()).isEqualTo("OK");
			assertThat(report.path("threads").asInt()).isPositive();
			assertThat(get(base + "/actuator/threadleaks", "text/plain")).startsWith("OK: 0 of ");
			JsonNode health = JSON.readTree(get(base + "/actuator/health", "application/json"));
			assertThat(health.path("components").path("threadLeaks").path("status").asString()).isEqualTo("UP");
			assertThat(get(base + "/actuator/prometheus", "text/plain")).contains("threadleaks_suspected_groups ");
		}
		finally {
			process.destroy();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor();
			}
			reader.join();
		}
	}

	private static int awaitPort(BlockingQueue<String> lines, StringBuilder log) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (System.nanoTime() < deadline) {
			String line = lines.poll(1, TimeUnit.SECONDS);
			if (line == null) {
				continue;
			}
			if (line.equals(END)) {
				break;
			}
			log.append(line).append('\n');
			Matcher matcher = PORT.matcher(line);
			if (matcher.find()) {
				return Integer.parseInt(matcher.group(1));
			}
		}
		throw new AssertionError("The AOT-processed application did not start:\n" + log);
	}

	private static void readLines(Process process, BlockingQueue<String> lines) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				lines.add(line);
			}
		}
		catch (IOException ex) {
			// The process ended: nothing more to read.
		}
		lines.add(END);
	}

	private static String get(String url, String accept) throws IOException, InterruptedException {
		HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url))
			.header("Accept", accept)
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
		return response.body();
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
