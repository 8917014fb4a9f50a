package io.github.threadleaks.core;

import java.io.IOException;
import java.io.UncheckedIOException;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A module's public API as its compiled classes show it, against the list its
 * {@code PublicApiTests} keeps by hand: adding or removing a public type then fails a
 * test, so a change to the API is a decision. Types in an {@code internal} package are
 * not API and not listed. Shared with the other modules' tests through this module's
 * test-jar.
 */
public final class PublicApi {

	private static final Path CLASSES = Path.of("target/classes");

	private static final Path SOURCES = Path.of("src/main/java");

	private PublicApi() {
	}

	/**
	 * Fails unless the module's public types are exactly the listed ones and each says
	 * {@code @since} which version it exists from.
	 */
	public static void assertListed(Map<String, Set<String>> listed) {
		assertThat(differences(listed)).as("differences from the listed public API (update the list if deliberate)")
			.isEmpty();
		assertThat(withoutSince(listed)).as("public types without @since in their javadoc").isEmpty();
	}

	/**
	 * How the module's public types differ from the listed ones, by package (nested types
	 * as {@code Outer.Inner}); empty when they match.
	 */
	public static List<String> differences(Map<String, Set<String>> listed) {
		Map<String, Set<String>> found = publicTypes(CLASSES);
		List<String> differences = new ArrayList<>();
		for (String pkg : found.keySet()) {
			if (!listed.containsKey(pkg)) {
				differences.add("package with public types but not listed: " + pkg + " " + found.get(pkg));
			}
		}
		listed.forEach((pkg, expected) -> {
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
		return differences;
	}

	/** The listed types whose javadoc does not say {@code @since} which version. */
	public static List<String> withoutSince(Map<String, Set<String>> listed) {
		List<String> missing = new ArrayList<>();
		listed.forEach((pkg, types) -> {
			for (String type : types) {
				if (!javadocOf(pkg, type).contains("@since ")) {
					missing.add(pkg + "." + type);
				}
			}
		});
		return missing;
	}

	/**
	 * Public types by package, nested ones as {@code Outer.Inner}, from compiled classes,
	 * leaving out {@code internal} packages.
	 */
	public static Map<String, Set<String>> publicTypes(Path classes) {
		Map<String, Set<String>> byPackage = new TreeMap<>();
		List<Path> files;
		try (Stream<Path> walk = Files.walk(classes)) {
			files = walk.filter((file) -> file.toString().endsWith(".class")).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		for (Path file : files) {
			String relative = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
			String name = relative.substring(0, relative.length() - ".class".length());
			if (name.endsWith("package-info") || name.contains(".internal.")) {
				continue;
			}
			Class<?> type;
			try {
				type = Class.forName(name, false, PublicApi.class.getClassLoader());
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

	/**
	 * The javadoc just before a type's declaration in its source file, or an empty
	 * string.
	 */
	private static String javadocOf(String pkg, String type) {
		String outer = type.contains(".") ? type.substring(0, type.indexOf('.')) : type;
		String simple = type.substring(type.lastIndexOf('.') + 1);
		Path source = SOURCES.resolve(pkg.replace('.', '/')).resolve(outer + ".java");
		try {
			Matcher matcher = Pattern
				.compile(
						"(/\\*\\*(?:(?!\\*/).)*\\*/)\\s*(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*"
								+ "(?:public )?(?:\\w+ )*(?:class|record|interface|enum|@interface) " + simple + "\\b",
						Pattern.DOTALL)
				.matcher(Files.readString(source));
			return matcher.find() ? matcher.group(1) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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
