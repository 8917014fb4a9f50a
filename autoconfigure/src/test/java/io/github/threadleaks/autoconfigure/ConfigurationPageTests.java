package io.github.threadleaks.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration page of the docs against the configuration metadata the build
 * generates: the same keys, both ways, with the same defaults.
 */
class ConfigurationPageTests {

	/** The page, from the module's directory, where the build runs the tests. */
	static final Path PAGE = Path.of("..", "docs", "configuration.md");

	/** A table row of the page: the key in backticks, then its default. */
	private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9.-]+)` \\| ([^|]*) \\|");

	@Test
	void pageListsEveryKeyOfTheMetadataAndNoOther() throws IOException {
		assertThat(pageDefaults().keySet()).as("keys of " + PAGE)
			.containsExactlyInAnyOrderElementsOf(metadata().keySet());
	}

	@Test
	void pageGivesTheDefaultOfTheMetadata() throws IOException {
		Map<String, String> page = pageDefaults();
		metadata().forEach((name, property) -> {
			JsonNode value = property.get("defaultValue");
			String expected = (value != null) ? normalized(value.asString()) : "none";
			assertThat(page.get(name)).as("default of " + name + " in " + PAGE).isEqualTo(expected);
		});
	}

	@Test
	void rowsAreRecognised() {
		assertThat(defaultIn("| `threadleaks.window` | `30` | 3 to 10000 | Samples. |")).isEqualTo("30");
		assertThat(defaultIn("| `threadleaks.ignore.top-frames` | none | regular expressions | Left out. |"))
			.isEqualTo("none");
		assertThat(defaultIn("| key | default |")).isNull();
	}

	/** Each key of the page with its default as written, without backticks. */
	private static Map<String, String> pageDefaults() throws IOException {
		Map<String, String> defaults = new TreeMap<>();
		for (String line : Files.readAllLines(PAGE)) {
			Matcher row = ROW.matcher(line);
			if (row.find()) {
				assertThat(defaults.put(row.group(1), normalized(row.group(2)))).as("second row of " + row.group(1))
					.isNull();
			}
		}
		return defaults;
	}

	private static String defaultIn(String line) {
		Matcher row = ROW.matcher(line);
		return row.find() ? normalized(row.group(2)) : null;
	}

	/**
	 * {@code `read-only`} and {@code read_only} alike: backticks, case and the enum's
	 * underscores aside.
	 */
	private static String normalized(String value) {
		return value.replace("`", "").trim().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** Every property of ours in the generated metadata, by name. */
	private Map<String, JsonNode> metadata() throws IOException {
		JsonMapper mapper = JsonMapper.builder().build();
		Map<String, JsonNode> properties = new TreeMap<>();
		for (URL url : Collections
			.list(getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				for (JsonNode property : mapper.readTree(in).path("properties")) {
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
