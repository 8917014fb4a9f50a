package io.github.threadleaks.junit;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.github.threadleaks.core.IgnoreRules;
import io.github.threadleaks.core.InvalidSettingException;
import io.github.threadleaks.core.creation.ApplicationPackages;
import io.github.threadleaks.core.internal.SettingChecks;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The {@code threadleaks.junit.*} configuration parameters, read as JUnit reads its own:
 * from the launcher, from system properties, or from {@code junit-platform.properties}. A
 * list holds comma-separated regular expressions; commas inside {@code {}} or {@code []},
 * or escaped, belong to the expression.
 */
final class PlatformProperties {

	static final String LINGER = "threadleaks.junit.linger";

	static final String IGNORE_THREAD_NAMES = "threadleaks.junit.ignore.thread-names";

	static final String IGNORE_TOP_FRAMES = "threadleaks.junit.ignore.top-frames";

	static final String IGNORE_ANY_FRAMES = "threadleaks.junit.ignore.any-frames";

	/**
	 * Configuration parameter: {@code class.method} regular expressions matched against
	 * the frames that started a thread.
	 */
	static final String IGNORE_CREATED_BY = "threadleaks.junit.ignore.created-by";

	/** Configuration parameter: a file the run's summary is also written to, as JSON. */
	static final String REPORT_FILE = "threadleaks.junit.report-file";

	static final String IGNORE_DEFAULTS = "threadleaks.junit.ignore.defaults";

	static final String CREATION_SITE = "threadleaks.junit.creation-site";

	static final String TIMED_WAIT_GRACE = "threadleaks.junit.timed-wait-grace";

	static final String BLAME_CLASS_INITIALIZERS = "threadleaks.junit.blame-class-initializers";

	static final String SUMMARY = "threadleaks.junit.summary";

	/**
	 * Configuration parameter: the application's own packages, named first in a creation
	 * site.
	 */
	static final String APPLICATION_PACKAGES = "threadleaks.junit.application-packages";

	/**
	 * Configuration parameter: whether a leak's message carries the heap-dump
	 * reachability verdict.
	 */
	static final String REACHABILITY = "threadleaks.junit.reachability";

	/**
	 * The default extra time for threads in a timed wait once the linger is over: they
	 * end by themselves.
	 */
	static final Duration DEFAULT_TIMED_WAIT_GRACE = Duration.ofSeconds(3);

	/**
	 * The longest extra time: a sleeper that needs more is a thread the test should have
	 * stopped.
	 */
	static final Duration MAX_TIMED_WAIT_GRACE = Duration.ofSeconds(30);

	/** JUnit Jupiter's own switch for extension auto-detection. */
	static final String AUTO_DETECTION = "junit.jupiter.extensions.autodetection.enabled";

	/** JUnit Jupiter's own switch for parallel execution. */
	static final String PARALLEL_ENABLED = "junit.jupiter.execution.parallel.enabled";

	private PlatformProperties() {
	}

	/**
	 * The bottom layers of every check: the defaults, then the configuration parameters.
	 */
	static CheckOptions options(ExtensionContext context) {
		boolean withDefaults = defaultIgnores(context);
		Duration linger = context.getConfigurationParameter(LINGER)
			.map((text) -> CheckOptions.linger(text, LINGER))
			.orElse(null);
		IgnoreRules ignore = CheckOptions
			.checked(() -> IgnoreRules.threadNames(IGNORE_THREAD_NAMES, list(context, IGNORE_THREAD_NAMES))
				.and(IgnoreRules.topFrames(IGNORE_TOP_FRAMES, list(context, IGNORE_TOP_FRAMES)))
				.and(IgnoreRules.anyFrames(IGNORE_ANY_FRAMES, list(context, IGNORE_ANY_FRAMES))));
		CheckOptions parameters = new CheckOptions(linger, ignore,
				CheckOptions.createdBy(IGNORE_CREATED_BY, list(context, IGNORE_CREATED_BY)));
		return CheckOptions.defaults(withDefaults).with(parameters);
	}

	/** Whether the {@link DefaultIgnores default ignores} apply. */
	static boolean defaultIgnores(ExtensionContext context) {
		return booleanParameter(context, IGNORE_DEFAULTS, true);
	}

	/**
	 * Whether a leak's message says where its threads were started (JFR thread start
	 * events).
	 */
	static boolean creationSite(ExtensionContext context) {
		return booleanParameter(context, CREATION_SITE, true);
	}

	/**
	 * The extra time that threads still in a timed wait when the linger is over get to
	 * end.
	 */
	static Duration timedWaitGrace(ExtensionContext context) {
		Duration grace = context.getConfigurationParameter(TIMED_WAIT_GRACE)
			.map((text) -> CheckOptions.duration(text, TIMED_WAIT_GRACE))
			.orElse(DEFAULT_TIMED_WAIT_GRACE);
		return CheckOptions
			.checked(() -> SettingChecks.between(TIMED_WAIT_GRACE, grace, Duration.ZERO, MAX_TIMED_WAIT_GRACE));
	}

	/**
	 * The application's own packages as configured, whose first frame a creation site
	 * names before the library's; empty where not configured (the run then learns them
	 * from the test classes it runs, see {@link TestPackages}).
	 */
	static List<String> applicationPackages(ExtensionContext context) {
		List<String> packages = context.getConfigurationParameter(APPLICATION_PACKAGES)
			.map((text) -> split(text))
			.orElse(List.of());
		checkedPackages(packages);
		return packages;
	}

	/** Package names, checked. */
	static ApplicationPackages checkedPackages(List<String> packages) {
		try {
			return ApplicationPackages.of(packages);
		}
		catch (InvalidSettingException ex) {
			throw CheckOptions.invalid(APPLICATION_PACKAGES, String.join(",", packages),
					"package names such as com.example.orders, separated by commas");
		}
	}

	/** The file the run's summary is also written to as JSON, if any. */
	static Optional<Path> reportFile(ExtensionContext context) {
		return context.getConfigurationParameter(REPORT_FILE)
			.map(String::trim)
			.filter((text) -> !text.isEmpty())
			.map((text) -> {
				try {
					return Path.of(text);
				}
				catch (InvalidPathException ex) {
					throw CheckOptions.invalid(REPORT_FILE, text, "a file path (" + ex.getReason() + ")");
				}
			});
	}

	/**
	 * Whether threads started from a class initializer fail the test that started them,
	 * rather than being noted.
	 */
	static boolean blameClassInitializers(ExtensionContext context) {
		return booleanParameter(context, BLAME_CLASS_INITIALIZERS, false);
	}

	/** Whether every check's leak message carries the heap-dump reachability verdict. */
	static boolean reachability(ExtensionContext context) {
		return booleanParameter(context, REACHABILITY, false);
	}

	/** Whether the run's leaks are summed up once at its end. */
	static boolean summary(ExtensionContext context) {
		return booleanParameter(context, SUMMARY, true);
	}

	/** Whether Jupiter runs tests in parallel, read as Jupiter reads it. */
	static boolean parallelExecution(ExtensionContext context) {
		return context.getConfigurationParameter(PARALLEL_ENABLED).map(Boolean::parseBoolean).orElse(false);
	}

	private static boolean booleanParameter(ExtensionContext context, String key, boolean otherwise) {
		String text = context.getConfigurationParameter(key)
			.map((value) -> value.trim().toLowerCase(Locale.ROOT))
			.orElse(null);
		if (text == null) {
			return otherwise;
		}
		if (!text.equals("true") && !text.equals("false")) {
			throw CheckOptions.invalid(key, text, "true or false");
		}
		return text.equals("true");
	}

	private static List<String> list(ExtensionContext context, String key) {
		return context.getConfigurationParameter(key).map(PlatformProperties::split).orElse(List.of());
	}

	/**
	 * The comma-separated entries of a list, trimmed; a comma in a quantifier, a class or
	 * escaped stays.
	 */
	static List<String> split(String text) {
		List<String> entries = new ArrayList<>();
		StringBuilder entry = new StringBuilder();
		int braces = 0;
		boolean inClass = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\' && i + 1 < text.length()) {
				entry.append(c).append(text.charAt(++i));
				continue;
			}
			if (c == ',' && braces == 0 && !inClass) {
				add(entries, entry);
				continue;
			}
			if (c == '[') {
				inClass = true;
			}
			else if (c == ']') {
				inClass = false;
			}
			else if (c == '{' && !inClass) {
				braces++;
			}
			else if (c == '}' && !inClass && braces > 0) {
				braces--;
			}
			entry.append(c);
		}
		add(entries, entry);
		return entries;
	}

	private static void add(List<String> entries, StringBuilder entry) {
		String trimmed = entry.toString().trim();
		if (!trimmed.isEmpty()) {
			entries.add(trimmed);
		}
		entry.setLength(0);
	}

}
