package io.github.threadleaks.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.threadleaks.core.ThreadLeaksSettings;
import io.github.threadleaks.core.creation.CreationSiteTracker;
import io.github.threadleaks.core.virtual.VirtualThreadSettings;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IDEs complete and document every key: the configuration processor's metadata covers
 * them all.
 */
class ThreadLeaksMetadataTests {

	@Test
	void everyKeyIsDocumented() throws IOException {
		Map<String, JsonNode> properties = properties();
		assertThat(properties).containsOnlyKeys("threadleaks.enabled", "threadleaks.sample-interval",
				"threadleaks.window", "threadleaks.min-growth", "threadleaks.min-rise-share",
				"threadleaks.min-stuck-share", "threadleaks.min-still-samples", "threadleaks.max-still-cpu-share",
				"threadleaks.stack-walk-budget", "threadleaks.creation-site.application-packages",
				"threadleaks.horizons", "threadleaks.horizon-factor", "threadleaks.stack-depth",
				"threadleaks.max-groups", "threadleaks.ignore.thread-names", "threadleaks.ignore.top-frames",
				"threadleaks.ignore.any-frames", "threadleaks.metrics.max-groups", "threadleaks.creation-site.enabled",
				"threadleaks.creation-site.max-threads", "management.health.threadleaks.enabled",
				"management.info.threadleaks.enabled", "management.endpoint.threadleaks.access",
				"management.endpoint.threadleaks.cache.time-to-live", "threadleaks.virtual-threads.enabled",
				"threadleaks.virtual-threads.interval", "threadleaks.virtual-threads.max-sample-time",
				"threadleaks.virtual-threads.max-interval", "threadleaks.virtual-threads.max-threads",
				"threadleaks.reachability.enabled", "threadleaks.reachability.analysis.max-heap",
				"threadleaks.reachability.analysis.timeout");
		properties
			.forEach((name, property) -> assertThat(property.path("description").asString()).as(name).isNotBlank());
		assertThat(properties.get("threadleaks.sample-interval").path("defaultValue").asString()).isEqualTo("10s");
		assertThat(properties.get("threadleaks.enabled").path("defaultValue").asBoolean()).isTrue();
		assertThat(properties.get("threadleaks.min-still-samples").path("defaultValue").asInt()).isEqualTo(3);
		assertThat(properties.get("threadleaks.max-still-cpu-share").path("defaultValue").asDouble()).isEqualTo(0.01);
		assertThat(properties.get("threadleaks.stack-walk-budget").path("defaultValue").asString()).isEqualTo("20ms");
		assertThat(properties.get("threadleaks.creation-site.enabled").path("defaultValue").asBoolean()).isTrue();
		assertThat(properties.get("threadleaks.creation-site.max-threads").path("defaultValue").asInt())
			.isEqualTo(50_000);
		assertThat(properties.get("management.health.threadleaks.enabled").path("defaultValue").asBoolean()).isTrue();
		assertThat(properties.get("threadleaks.virtual-threads.enabled").path("defaultValue").asBoolean()).isTrue();
		assertThat(properties.get("threadleaks.virtual-threads.max-threads").path("defaultValue").asInt())
			.isEqualTo(100_000);
		assertThat(properties.get("threadleaks.reachability.enabled").path("defaultValue").asBoolean()).isFalse();
		// The platform's sample interval: no value of its own.
		assertThat(properties.get("threadleaks.virtual-threads.interval").has("defaultValue")).isFalse();
	}

	/**
	 * The defaults an IDE shows are the engine's, which are the only ones the code holds:
	 * the metadata's defaults, bound as if a user had written them all, give the engine's
	 * default settings.
	 */
	@Test
	void metadataDefaultsAreTheEngineDefaults() throws IOException {
		Map<String, Object> defaults = new HashMap<>();
		properties().forEach((name, property) -> {
			boolean list = property.path("type").asString().startsWith("java.util.List");
			// The virtual threads' interval is the platform's sample interval unless set.
			boolean defaultsToAnother = name.equals("threadleaks.virtual-threads.interval");
			if (name.startsWith("threadleaks.") && !list && !defaultsToAnother) {
				assertThat(property.has("defaultValue")).as("%s has a default in the metadata", name).isTrue();
				defaults.put(name, property.path("defaultValue").asString());
			}
		});
		ThreadLeaksProperties bound = new ThreadLeaksProperties();
		new Binder(new MapConfigurationPropertySource(defaults)).bind("threadleaks", Bindable.ofInstance(bound));
		assertThat(ThreadLeaksAutoConfiguration.settings(bound)).hasToString(ThreadLeaksSettings.defaults().toString());
		assertThat(ThreadLeaksAutoConfiguration.virtualThreadSettings(bound.getVirtualThreads()))
			.hasToString(VirtualThreadSettings.defaults().toString());
		assertThat(bound.getCreationSite().getMaxThreads()).isEqualTo(CreationSiteTracker.DEFAULT_MAX_THREADS);
		// And the metadata does say something other than the binding target's own
		// defaults.
		assertThat(defaults).containsEntry("threadleaks.sample-interval", "10s")
			.containsEntry("threadleaks.window", "30")
			.containsEntry("threadleaks.virtual-threads.max-interval", "5m");
	}

	@Test
	void enumerableValuesHaveHints() throws IOException {
		JsonNode horizons = metadata("hints").get("threadleaks.horizons");
		assertThat(horizons).as("hint of threadleaks.horizons").isNotNull();
		List<Integer> values = new ArrayList<>();
		horizons.path("values").forEach((value) -> values.add(value.path("value").asInt()));
		assertThat(values).containsExactly(1, 2, 3, 4, 5, 6);
		assertThat(properties().get("management.endpoint.threadleaks.access").path("defaultValue").asString())
			.isEqualTo("read_only");
	}

	private Map<String, JsonNode> properties() throws IOException {
		return metadata("properties");
	}

	/**
	 * The named entries ({@code properties} or {@code hints}) of every metadata file, by
	 * name.
	 */
	private Map<String, JsonNode> metadata(String kind) throws IOException {
		JsonMapper mapper = JsonMapper.builder().build();
		Map<String, JsonNode> properties = new HashMap<>();
		for (URL url : Collections
			.list(getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				for (JsonNode property : mapper.readTree(in).path(kind)) {
					String name = property.path("name").asString();
					if (name.contains("threadleaks")) {
						properties.put(name, property);
					}
				}
			}
		}
		return properties;
	}

}
