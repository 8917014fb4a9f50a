package io.github.threadleaks.core;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public types of each of core's packages, listed by hand: adding or removing one
 * fails here, so a change to the API is a decision. Everything else is package-private,
 * or in {@value #INTERNAL}, which is not API.
 */
class PublicApiTests {

	/** The helpers shared by threadleaks' own packages and modules: not API. */
	static final String INTERNAL = "io.github.threadleaks.core.internal";

	/**
	 * The types users need: the monitor, settings, sources, listener and report types.
	 */
	private static final Map<String, Set<String>> PUBLIC_TYPES = Map.of("io.github.threadleaks.core",
			Set.of("BackgroundTask", "CreationSite", "CreationSiteTracking", "CreationSiteTracking.State",
					"CreationSites", "Evidence", "GroupDetail", "InvalidSettingException", "JvmThreadSource",
					"LatestReport", "LeakStatus", "LockReport", "MemberThread", "PrintableText", "SampleFailure",
					"SamplingLoop", "StackFrame", "StackGroupReport", "StackGrouping", "TextReport", "ThreadCensus",
					"ThreadLeakListener", "ThreadLeakMonitor", "ThreadLeakReport", "ThreadLeakReport.Builder",
					"ThreadLeaksSettings", "ThreadLeaksSettings.Builder", "ThreadNames", "ThreadOrigin",
					"ThreadOrigin.Kind", "ThreadSource", "VirtualThreadsReport", "VirtualThreadsReport.Source",
					"VirtualThreadsReport.Status", "IgnoreRules"),
			"io.github.threadleaks.core.creation",
			Set.of("ApplicationPackages", "CreationSiteTracker", "ThreadStartListener"),
			"io.github.threadleaks.core.jfr", Set.of("JfrVerdictEvents"), "io.github.threadleaks.core.dump",
			Set.of("DumpFormatException", "DumpedThread", "FrameText", "JsonThreadDumpReader", "TextThreadDumpReader",
					"ThreadDump"),
			"io.github.threadleaks.core.virtual",
			Set.of("PlatformAndVirtualMonitors", "ContainerThreadSource", "VirtualThreadMonitor",
					"VirtualThreadRegistry", "VirtualThreadRegistry.Registration", "VirtualThreadSettings",
					"VirtualThreadSettings.Builder", "VirtualThreadSource"));

	@Test
	void eachPackageExportsExactlyTheListedTypes() throws IOException {
		Map<String, Set<String>> found = publicTypes(Path.of("target/classes"));
		assertThat(found.keySet()).as("core's packages").containsExactlyInAnyOrderElementsOf(PUBLIC_TYPES.keySet());
		List<String> differences = new ArrayList<>();
		PUBLIC_TYPES.forEach((pkg, expected) -> {
			Set<String> actual = found.getOrDefault(pkg, Set.of());
			for (String type : actual) {
				if (!expected.contains(type)) {
					differences.add("public but not listed: " + pkg + "." + type);
				}
			}
			for (String type : expected) {
				if (!actual.contains(type)) {
					differences.add("listed but not public: " + pkg + "." + type);
				}
			}
		});
		assertThat(differences).as("differences from the listed public API (update the list if deliberate)").isEmpty();
	}

	@Test
	void theScanSeesPackagePrivateTypesAsNotPublic() throws IOException {
		Set<String> engine = publicTypes(Path.of("target/classes")).get("io.github.threadleaks.core");
		assertThat(engine).contains("ThreadLeakMonitor", "ThreadLeaksSettings.Builder")
			.doesNotContain("GroupKey", "ThreadTracker", "ThreadLeakMonitor.Latest");
	}

	@Test
	void theInternalPackageSaysItIsNotApi() throws IOException {
		Path packageInfo = Path.of("src/main/java", INTERNAL.replace('.', '/'), "package-info.java");
		assertThat(Files.readString(packageInfo)).contains("Not API");
		assertThat(Files.readString(Path.of("../pom.xml"))).contains("<excludePackageNames>" + INTERNAL);
	}

	@Test
	void eachPublicTypeSaysSinceWhenItExists() throws IOException {
		List<String> missing = new ArrayList<>();
		for (Map.Entry<String, Set<String>> entry : PUBLIC_TYPES.entrySet()) {
			for (String type : entry.getValue()) {
				if (!javadocOf(entry.getKey(), type).contains("@since ")) {
					missing.add(entry.getKey() + "." + type);
				}
			}
		}
		assertThat(missing).as("public types without @since in their javadoc").isEmpty();
	}

	/**
	 * The javadoc just before a type's declaration in its source file, or an empty
	 * string.
	 */
	private static String javadocOf(String pkg, String type) throws IOException {
		String outer = type.contains(".") ? type.substring(0, type.indexOf('.')) : type;
		String simple = type.substring(type.lastIndexOf('.') + 1);
		Path source = Path.of("src/main/java", pkg.replace('.', '/'), outer + ".java");
		Matcher matcher = Pattern
			.compile("(/\\*\\*(?:(?!\\*/).)*\\*/)\\s*(?:@\\w+\\s*)*public (?:\\w+ )*(?:class|record|interface|enum) "
					+ simple + "\\b", Pattern.DOTALL)
			.matcher(Files.readString(source));
		return matcher.find() ? matcher.group(1) : "";
	}

	/**
	 * Public types by package, nested ones as {@code Outer.Inner}, from the compiled
	 * classes of core.
	 */
	static Map<String, Set<String>> publicTypes(Path classes) throws IOException {
		assertThat(classes).isDirectory();
		Map<String, Set<String>> byPackage = new TreeMap<>();
		List<Path> files;
		try (Stream<Path> walk = Files.walk(classes)) {
			files = walk.filter((file) -> file.toString().endsWith(".class")).toList();
		}
		for (Path file : files) {
			String relative = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
			String name = relative.substring(0, relative.length() - ".class".length());
			if (name.endsWith("package-info") || name.startsWith(INTERNAL + ".")) {
				continue;
			}
			Class<?> type;
			try {
				type = Class.forName(name, false, PublicApiTests.class.getClassLoader());
			}
			catch (ClassNotFoundException ex) {
				throw new IllegalStateException(ex);
			}
			if (isVisibleOutsideItsPackage(type)) {
				String simple = type.getName().substring(type.getPackageName().length() + 1).replace('$', '.');
				byPackage.computeIfAbsent(type.getPackageName(), (key) -> new TreeSet<>()).add(simple);
			}
		}
		return byPackage;
	}

	private static boolean isVisibleOutsideItsPackage(Class<?> type) {
		for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
			if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isSynthetic()) {
				return false;
			}
		}
		return true;
	}

}
