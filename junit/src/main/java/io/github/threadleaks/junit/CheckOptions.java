package io.github.threadleaks.junit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.github.threadleaks.core.IgnoreRules;
import io.github.threadleaks.core.InvalidSettingException;
import io.github.threadleaks.core.ThreadLeaksSettings;
import io.github.threadleaks.core.internal.Durations;
import io.github.threadleaks.core.internal.SettingChecks;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * What one source of configuration (the defaults, the configuration parameters, a
 * registered extension, an annotation) says about a check. Sources are layered: ignore
 * rules add up, the nearest linger wins.
 *
 * @param linger how long threads still alive at the end may take to end, or {@code null}
 * to leave it to the layers below
 * @param ignore the threads never reported, by their own name and frames
 * @param ignoredCreatedBy {@code class.method} regular expressions for any frame of the
 * code that started a thread: such threads are never reported either
 */
record CheckOptions(@Nullable Duration linger, IgnoreRules ignore, List<String> ignoredCreatedBy) {

	/** The longest linger: beyond it a check would rather be a hang. */
	static final Duration MAX_LINGER = Duration.ofMinutes(10);

	static final Duration DEFAULT_LINGER = Duration.ofSeconds(1);

	/**
	 * The frames captured per thread: enough for ignore rules on any frame to see a
	 * worker's task.
	 */
	static final int STACK_DEPTH = 64;

	static final CheckOptions NONE = new CheckOptions(null, IgnoreRules.NONE, List.of());

	CheckOptions {
		ignoredCreatedBy = List.copyOf(ignoredCreatedBy);
	}

	/**
	 * The bottom layer: the default linger, with or without the {@link DefaultIgnores
	 * default ignore list}.
	 */
	static CheckOptions defaults(boolean withDefaultIgnores) {
		return new CheckOptions(DEFAULT_LINGER, withDefaultIgnores
				? IgnoreRules.of(DefaultIgnores.THREAD_NAMES, DefaultIgnores.TOP_FRAMES, DefaultIgnores.ANY_FRAMES)
				: IgnoreRules.NONE, List.of());
	}

	/**
	 * The options of an annotation, checked; {@code where} names it in error messages.
	 */
	static CheckOptions of(VerifyNoThreadLeaks annotation, String where) {
		String attribute = "@VerifyNoThreadLeaks(%s) on " + where;
		Duration linger = annotation.linger().isBlank() ? null
				: linger(annotation.linger(), attribute.formatted("linger"));
		return new CheckOptions(linger, checked(() -> IgnoreRules
			.threadNames(attribute.formatted("ignoreThreadNames"), List.of(annotation.ignoreThreadNames()))
			.and(IgnoreRules.topFrames(attribute.formatted("ignoreTopFrames"), List.of(annotation.ignoreTopFrames())))
			.and(IgnoreRules.anyFrames(attribute.formatted("ignoreAnyFrames"), List.of(annotation.ignoreAnyFrames())))),
				createdBy(attribute.formatted("ignoreCreatedBy"), List.of(annotation.ignoreCreatedBy())));
	}

	/** These options with {@code nearer} laid over them. */
	CheckOptions with(CheckOptions nearer) {
		return new CheckOptions((nearer.linger != null) ? nearer.linger : this.linger, this.ignore.and(nearer.ignore),
				concat(this.ignoredCreatedBy, nearer.ignoredCreatedBy));
	}

	/**
	 * {@code ignoreCreatedBy} expressions, each checked as the engine checks an ignore
	 * rule's; {@code setting} names their source in the error message.
	 */
	static List<String> createdBy(String setting, List<String> regexes) {
		checked(() -> IgnoreRules.anyFrames(setting, regexes));
		return regexes;
	}

	private static List<String> concat(List<String> first, List<String> second) {
		if (second.isEmpty()) {
			return first;
		}
		List<String> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	/** The linger of a complete stack of layers. */
	Duration requiredLinger() {
		return (this.linger != null) ? this.linger : DEFAULT_LINGER;
	}

	/**
	 * The engine's settings for these options: their ignore rules and the stack depth.
	 */
	ThreadLeaksSettings engineSettings() {
		return ThreadLeaksSettings.builder().stackDepth(STACK_DEPTH).ignore(this.ignore).build();
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
		return checked(() -> Durations.parse(setting, text));
	}

	static Duration linger(Duration linger, String setting) {
		return checked(() -> SettingChecks.between(setting, linger, Duration.ZERO, MAX_LINGER));
	}

	/**
	 * The value, or the engine's rejection of it turned into JUnit's configuration error
	 * with the same message.
	 */
	static <T> T checked(Supplier<T> value) {
		try {
			return value.get();
		}
		catch (InvalidSettingException ex) {
			throw new ExtensionConfigurationException(ex.getMessage(), ex);
		}
	}

	static ExtensionConfigurationException invalid(String setting, String value, String allowed) {
		return new ExtensionConfigurationException(setting + " must be " + allowed + " but was \"" + value + "\"");
	}

}
