package io.github.threadleaks.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Core's packages depend one way: the feature packages ({@code creation},
 * {@code virtual}, {@code jfr}) on the engine, never the engine on them nor on each
 * other, and only {@code creation} (thread start events) and {@code jfr} (verdict events)
 * use JFR. The dump readers ({@code dump}) use the engine alone; {@code virtual} reads
 * its dumps through them. Read from the sources' imports and fully qualified names in
 * code (comments left out).
 */
class PackageDependencyTests {

	private static final String ENGINE = "io.github.threadleaks.core";

	private static final String CREATION = ENGINE + ".creation";

	private static final String VIRTUAL = ENGINE + ".virtual";

	private static final String JFR = ENGINE + ".jfr";

	private static final String DUMP = ENGINE + ".dump";

	private static final String INTERNAL = ENGINE + ".internal";

	/** Which packages (or package prefixes) each package must not use. */
	private static final Map<String, List<String>> FORBIDDEN = Map.of(ENGINE,
			List.of(CREATION, VIRTUAL, JFR, DUMP, "jdk.jfr"), CREATION, List.of(VIRTUAL, JFR, DUMP), VIRTUAL,
			List.of(CREATION, JFR, "jdk.jfr"), JFR, List.of(CREATION, VIRTUAL, DUMP), DUMP,
			List.of(CREATION, VIRTUAL, JFR, "jdk.jfr"), INTERNAL, List.of(CREATION, VIRTUAL, JFR, DUMP, "jdk.jfr"));

	private static final Pattern QUALIFIED = Pattern.compile("\\b((?:[a-z][a-z0-9_]*\\.)+)[A-Z*]");

	@Test
	void noPackageUsesOneItMustNot() throws IOException {
		assertThat(violations(Path.of("src/main/java"))).as("forbidden package uses").isEmpty();
	}

	@Test
	void theCheckSeesImportsAndQualifiedNamesButNotComments() {
		assertThat(usedPackages("import io.github.threadleaks.core.virtual.VirtualThreadMonitor;")).contains(VIRTUAL);
		assertThat(usedPackages("import static io.github.threadleaks.core.creation.CreationSiteTracker.THREAD_NAME;"))
			.contains(CREATION);
		assertThat(usedPackages("jdk.jfr.consumer.RecordingStream stream = null;")).contains("jdk.jfr.consumer");
		assertThat(usedPackages("import jdk.jfr.*;")).contains("jdk.jfr");
		assertThat(usedPackages("/** See {@link io.github.threadleaks.core.creation.CreationSiteTracker}. */\n"
				+ "// jdk.jfr.Event\nString s = \"jdk.jfr.Event\";"))
			.isEmpty();
		assertThat(forbiddenRule(ENGINE, "jdk.jfr.consumer")).isEqualTo("jdk.jfr");
		assertThat(forbiddenRule(ENGINE, "io.github.threadleaks.core.virtualish")).isNull();
		assertThat(forbiddenRule(CREATION, ENGINE)).isNull();
		assertThat(forbiddenRule(JFR, "jdk.jfr")).isNull();
		assertThat(forbiddenRule(VIRTUAL, JFR)).isEqualTo(JFR);
	}

	private static Set<String> violations(Path sources) throws IOException {
		assertThat(sources).isDirectory();
		List<Path> files;
		try (Stream<Path> walk = Files.walk(sources)) {
			files = walk.filter((file) -> file.toString().endsWith(".java")).toList();
		}
		Set<String> violations = new TreeSet<>();
		for (Path file : files) {
			String source = Files.readString(file);
			String pkg = packageOf(source);
			List<String> forbidden = FORBIDDEN.get(pkg);
			assertThat(forbidden).as("rules for the package of " + file).isNotNull();
			for (String used : usedPackages(source)) {
				String rule = forbiddenRule(pkg, used);
				if (rule != null) {
					violations.add(file.getFileName() + " uses " + rule);
				}
			}
		}
		return violations;
	}

	/** The rule that {@code pkg} breaks by using {@code used}, if any. */
	private static @Nullable String forbiddenRule(String pkg, String used) {
		for (String rule : FORBIDDEN.get(pkg)) {
			if (used.equals(rule) || used.startsWith(rule + ".")) {
				return rule;
			}
		}
		return null;
	}

	private static String packageOf(String source) {
		Matcher matcher = Pattern.compile("(?m)^package ([\\w.]+);").matcher(source);
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}

	/**
	 * The packages named in code: imports and qualified names, with comments and string
	 * literals left out.
	 */
	static Set<String> usedPackages(String source) {
		Set<String> used = new TreeSet<>();
		Matcher matcher = QUALIFIED.matcher(codeOnly(source));
		while (matcher.find()) {
			String qualifier = matcher.group(1);
			used.add(qualifier.substring(0, qualifier.length() - 1));
		}
		return used;
	}

	private static String codeOnly(String source) {
		StringBuilder code = new StringBuilder(source.length());
		int i = 0;
		while (i < source.length()) {
			if (source.startsWith("//", i)) {
				i = endOr(source, source.indexOf('\n', i), 0);
			}
			else if (source.startsWith("/*", i)) {
				i = endOr(source, source.indexOf("*/", i + 2), 2);
			}
			else if (source.startsWith("\"\"\"", i)) {
				i = endOr(source, source.indexOf("\"\"\"", i + 3), 3);
			}
			else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
				char quote = source.charAt(i);
				i++;
				while (i < source.length() && source.charAt(i) != quote) {
					i += (source.charAt(i) == '\\') ? 2 : 1;
				}
				i++;
			}
			else {
				code.append(source.charAt(i));
				i++;
			}
		}
		return code.toString();
	}

	private static int endOr(String source, int found, int length) {
		return (found < 0) ? source.length() : found + length;
	}

}
