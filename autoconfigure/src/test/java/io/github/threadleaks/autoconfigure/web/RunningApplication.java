package io.github.threadleaks.autoconfigure.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.github.threadleaks.autoconfigure.TestLeak;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@link SecuredActuatorApplication} running on a free port of the loopback interface,
 * with the given properties, and a plain HTTP client for it. Closing it stops the
 * application and its threads.
 */
final class RunningApplication implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ConfigurableApplicationContext context;

	private final int port;

	private RunningApplication(ConfigurableApplicationContext context) {
		this.context = context;
		this.port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	static RunningApplication start(String... properties) {
		return new RunningApplication(builder(properties).run());
	}

	/**
	 * Started with the leak's monitor as the application's own, so that the test decides
	 * when samples are taken and what they find.
	 */
	static RunningApplication watching(TestLeak leak, String... properties) {
		return new RunningApplication(builder(properties)
			.initializers((context) -> context.getBeanFactory().registerSingleton("testLeakMonitor", leak.monitor()))
			.run());
	}

	private static SpringApplicationBuilder builder(String... properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
				"spring.main.banner-mode=off", "logging.level.root=warn"));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(SecuredActuatorApplication.class).properties(all.toArray(String[]::new));
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	/** GET {@code path}, as the given user ({@code null}: anonymous). */
	Response get(String path, @Nullable String user) throws IOException {
		return request("GET", path, user, null);
	}

	/**
	 * GET {@code path} as the given user ({@code null}: anonymous), accepting only the
	 * given media type.
	 */
	Response get(String path, @Nullable String user, String accept) throws IOException {
		return request("GET", path, user, accept);
	}

	/** POST to {@code path} with no body, as the given user ({@code null}: anonymous). */
	Response post(String path, @Nullable String user) throws IOException {
		return request("POST", path, user, null);
	}

	private Response request(String method, String path, @Nullable String user, @Nullable String accept)
			throws IOException {
		HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + this.port + path)
			.toURL()
			.openConnection();
		connection.setRequestMethod(method);
		if (accept != null) {
			connection.setRequestProperty("Accept", accept);
		}
		if (user != null) {
			String credentials = user + ":" + SecuredActuatorApplication.PASSWORD;
			connection.setRequestProperty("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		connection.setConnectTimeout(10_000);
		connection.setReadTimeout(30_000);
		long started = System.nanoTime();
		try {
			int status = connection.getResponseCode();
			InputStream stream = (status < 400) ? connection.getInputStream() : connection.getErrorStream();
			byte[] body = (stream != null) ? stream.readAllBytes() : new byte[0];
			if (stream != null) {
				stream.close();
			}
			return new Response(status, new String(body, StandardCharsets.UTF_8), System.nanoTime() - started,
					String.valueOf(connection.getContentType()));
		}
		finally {
			connection.disconnect();
		}
	}

	@Override
	public void close() {
		this.context.close();
	}

	/** One answer. */
	record Response(int status, String body, long nanos, String contentType) {

		Response(int status, String body, long nanos) {
			this(status, body, nanos, "");
		}

		@SuppressWarnings("unchecked")
		Map<String, Object> json() {
			return JSON.readValue(this.body, Map.class);
		}

	}

}
