package io.github.threadleaks.junit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.github.threadleaks.core.ThreadLeaksSettings;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * What one source of configuration (the defaults, the configuration parameters, a
 * registered extension, an annotation) says about a check. Sources are layered: ignore
 * patterns add up, the nearest linger wins.
 *
 * @param linger how long threads still alive at the end may take to end, or {@code null}
 * to leave it to the layers below
 * @param ignoredThreadNames whole-name regular expressions
 * @param ignoredTopFrames {@code class.method} regular expressions for the top frame
 * @param ignoredAnyFrames {@code class.method} regular expressions for any frame
 * @param ignoredCreatedBy {@code class.method} regular expressions for any frame of the
 * code that started the thread
 */
record CheckOptions(@Nullable Duration linger, List<String> ignoredThreadNames, List<String> ignoredTopFrames,
		List<String> ignoredAnyFrames, List<String> ignoredCreatedBy) {

	/** The longest linger: beyond it a check would rather be a hang. */
	static final Duration MAX_LINGER = Duration.ofMinutes(10);

	static final Duration DEFAULT_LINGER = Duration.ofSeconds(1);

	/**
	 * The frames captured per thread: enough for ignore rules on any frame to see a
	 * worker's task.
	 */
	static final int STACK_DEPTH = 64;

	static final CheckOptions NONE = new CheckOptions(null, List.of(), List.of(), List.of(), List.of());

	CheckOptions {
		ignoredThreadNames = List.copyOf(ignoredThreadNames);
		ignoredTopFrames = List.copyOf(ignoredTopFrames);
		ignoredAnyFrames = List.copyOf(ignoredAnyFrames);
		ignoredCreatedBy = List.copyOf(ignoredCreatedBy);
	}

	/**
	 * The bottom layer: the default linger, with or without the {@link DefaultIgnores
	 * default ignore list}.
	 */
	static CheckOptions defaults(boolean withDefaultIgnores) {
		return withDefaultIgnores
				? new CheckOptions(DEFAULT_LINGER, DefaultIgnores.THREAD_NAMES, DefaultIgnores.TOP_FRAMES,
						DefaultIgnores.ANY_FRAMES, List.of())
				: new CheckOptions(DEFAULT_LINGER, List.of(), List.of(), List.of(), List.of());
	}

	/**
	 * The options of an annotation, checked; {@code where} names it in error messages.
	 */
	static CheckOptions of(VerifyNoThreadLeaks annotation, String where) {
		String attribute = "@VerifyNoThreadLeaks(%s) on " + where;
		Duration linger = annotation.linger().isBlank() ? null
				: linger(annotation.linger(), attribute.formatted("linger"));
		return new CheckOptions(linger,
				patterns(annotation.ignoreThreadNames(), attribute.formatted("ignoreThreadNames")),
				patterns(annotation.ignoreTopFrames(), attribute.formatted("ignoreTopFrames")),
				patterns(annotation.ignoreAnyFrames(), attribute.formatted("ignoreAnyFrames")),
				patterns(annotation.ignoreCreatedBy(), attribute.formatted("ignoreCreatedBy")));
	}

	/** These options with {@code nearer} laid over them. */
	CheckOptions with(CheckOptions nearer) {
		return new CheckOptions((nearer.linger != null) ? nearer.linger : this.linger,
				concat(this.ignoredThreadNames, nearer.ignoredThreadNames),
				concat(this.ignoredTopFrames, nearer.ignoredTopFrames),
				concat(this.ignoredAnyFrames, nearer.ignoredAnyFrames),
				concat(this.ignoredCreatedBy, nearer.ignoredCreatedBy));
	}

	/** The linger of a complete stack of layers. */
	Duration requiredLinger() {
		return (this.linger != null) ? this.linger : DEFAULT_LINGER;
	}

	/**
	 * The engine's settings for these options: their ignore rules and the stack depth.
	 */
	ThreadLeaksSettings engineSettings() {
		return ThreadLeaksSettings.builder()
			.stackDepth(STACK_DEPTH)
			.ignoredThreadNames(this.ignoredThreadNames)
			.ignoredTopFrames(this.ignoredTopFrames)
			.ignoredAnyFrames(this.ignoredAnyFrames)
			.build();
	}

	/**
	 * A linger from its text, checked; {@code setting} names its source in the error
	 * message.
	 */
	static Duration linger(String text, String setting) {
		return linger(duration(text, setting), setting);
	}

	/**
	 * A duration from its text, checked for its form only; {@code setting} names its
	 * source in the error message.
	 */
	static Duration duration(String text, String setting) {
		Duration duration = DurationText.parse(text);
		if (duration == null) {
			throw invalid(setting, text, "a duration such as 500ms, 2s or PT2S");
		}
		return duration;
	}

	static Duration linger(Duration linger, String setting) {
		if (linger.isNegative() || linger.compareTo(MAX_LINGER) > 0) {
			throw invalid(setting, DurationText.format(linger), "from 0s to " + DurationText.format(MAX_LINGER));
		}
		return linger;
	}

	/**
	 * Regular expressions, each checked; {@code setting} names their source in the error
	 * message.
	 */
	static List<String> patterns(String[] regexes, String setting) {
		for (String regex : regexes) {
			try {
				Pattern.compile(regex);
			}
			catch (PatternSyntaxException ex) {
				throw invalid(setting, regex,
						"valid regular expressions (" + ex.getDescription() + " at index " + ex.getIndex() + ")");
			}
		}
		return List.of(regexes);
	}

	static ExtensionConfigurationException invalid(String setting, String value, String allowed) {
		return new ExtensionConfigurationException(setting + " must be " + allowed + " but was \"" + value + "\"");
	}

	private static List<String> concat(List<String> first, List<String> second) {
		if (second.isEmpty()) {
			return first;
		}
		List<String> all = new ArrayList<>(first.size() + second.size());
		all.addAll(first);
		all.addAll(second);
		return all;
	}

}
