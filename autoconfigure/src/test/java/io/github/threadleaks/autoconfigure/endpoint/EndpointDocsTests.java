package io.github.threadleaks.autoconfigure.endpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.threadleaks.autoconfigure.TestLeak;
import io.github.threadleaks.core.StackGroupReport;
import io.github.threadleaks.core.virtual.PlatformAndVirtualMonitors;
import io.github.threadleaks.junit.VerifyNoThreadLeaks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example responses of {@code docs/endpoint.md}, and the verdicts quoted in it and in
 * {@code docs/cli.md}, checked against the answers to a real leak: the same fields, and
 * explanations of the same shape (numbers, durations and states aside), so the examples
 * cannot drift from the engine.
 */
@VerifyNoThreadLeaks
class EndpointDocsTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	/**
	 * Fields the real leak here does not produce: creation sites (no JFR recording), the
	 * virtual threads' status (not watched) and a failed sample's error.
	 */
	private static final List<String> CONDITIONAL = List.of("creationSiteTracking", "virtualThreads", "lastError",
			"suspects[].creationSites", "groups[].creationSites", "creationSites", "group.creationSites");

	private final TestLeak leak = new TestLeak();

	private final ThreadLeaksEndpoint endpoint = new ThreadLeaksEndpoint(
			new PlatformAndVirtualMonitors(this.leak.monitor()));

	@AfterEach
	void endLeak() {
		this.leak.close();
	}

	@Test
	void theExampleResponsesHaveTheFieldsOfRealOnes() throws IOException {
		StackGroupReport suspect = this.leak.leakUntilSuspected();
		String docs = Files.readString(Path.of("../docs/endpoint.md"));
		assertSameFields(example(docs, "## Retrieving the report"), json(this.endpoint.report()));
		assertSameFields(example(docs, "## Retrieving one group"), json(this.endpoint.group(suspect.id())));
	}

	@Test
	void theQuotedVerdictsHaveTheShapeOfRealOnes() throws IOException {
		StackGroupReport suspect = this.leak.leakUntilSuspected();
		String suspected = shape(suspect.explanation());
		String notSuspected = suspected.substring(0, suspected.indexOf("; suspected"));
		List<String> quoted = new ArrayList<>();
		for (String page : List.of("../docs/endpoint.md", "../docs/cli.md")) {
			Matcher matcher = Pattern.compile("(?:\"explanation\": \"|  why: )([^\"\\n]+)")
				.matcher(Files.readString(Path.of(page)));
			while (matcher.find()) {
				quoted.add(matcher.group(1));
			}
		}
		assertThat(quoted).hasSizeGreaterThan(4)
			.allSatisfy((explanation) -> assertThat(shape(explanation)).as(explanation).isIn(suspected, notSuspected));
	}

	private static void assertSameFields(Object documented, Object real) {
		Set<String> documentedFields = fields("", documented, new TreeSet<>());
		Set<String> realFields = fields("", real, new TreeSet<>());
		assertThat(documentedFields).as("fields of the real answer missing from the example").containsAll(realFields);
		assertThat(documentedFields.stream()
			.filter((field) -> !realFields.contains(field) && !isConditional(field))
			.toList()).as("fields of the example that the real answer does not have").isEmpty();
	}

	private static boolean isConditional(String field) {
		return CONDITIONAL.stream()
			.anyMatch((prefix) -> field.equals(prefix) || field.startsWith(prefix + ".")
					|| field.startsWith(prefix + "[]"));
	}

	/**
	 * Every field's path ({@code suspects[].evidence.growth}) but those that are null,
	 * which the actuator leaves out of its answers.
	 */
	private static Set<String> fields(String path, Object value, Set<String> fields) {
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, child) -> {
				String field = path.isEmpty() ? key.toString() : path + "." + key;
				if (child != null) {
					fields.add(field);
					fields(field, child, fields);
				}
			});
		}
		else if (value instanceof List<?> list) {
			list.forEach((child) -> fields(path + "[]", child, fields));
		}
		return fields;
	}

	/** An explanation without its figures: numbers, durations, shares and states. */
	private static String shape(String explanation) {
		return explanation.replaceAll("(\\d+(\\.\\d+)?(ms|s|m|h|d)?)+", "N")
			.replaceAll("\\bthreads?\\b", "thread(s)")
			.replaceAll("\\b(WAITING|TIMED_WAITING|BLOCKED|RUNNABLE)\\b", "STATE");
	}

	/** The first JSON example after a heading. */
	private static Object example(String docs, String heading) {
		int start = docs.indexOf("```json\n", docs.indexOf(heading)) + "```json\n".length();
		return MAPPER.readValue(docs.substring(start, docs.indexOf("```", start)), Object.class);
	}

	private static Object json(Object body) {
		return MAPPER.readValue(MAPPER.writeValueAsString(body), Object.class);
	}

}
