package io.github.threadleaks.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;

/**
 * The range checks of the settings: each fails with an {@link InvalidSettingException}
 * naming the setting. Public only for the settings of core's feature packages (Java has
 * no narrower scope): not for users.
 *
 * @since 0.1.0
 */
public final class SettingChecks {

	private SettingChecks() {
	}

	static int range(String setting, int value, int min, int max) {
		if (value < min || value > max) {
			throw new InvalidSettingException(setting, value,
					(max == Integer.MAX_VALUE) ? "at least " + min : "between " + min + " and " + max);
		}
		return value;
	}

	/** A share of a whole that cannot be nothing: greater than 0 and at most 1. */
	static double share(String setting, double value) {
		if (!(value > 0.0 && value <= 1.0)) {
			throw new InvalidSettingException(setting, value, "greater than 0 and at most 1");
		}
		return value;
	}

	/** A fraction that may be nothing: between 0 and 1 (NaN is rejected). */
	static double fraction(String setting, double value) {
		if (!(value >= 0.0 && value <= 1.0)) {
			throw new InvalidSettingException(setting, value, "between 0 and 1");
		}
		return value;
	}

	/** The duration, where it is given and at least {@code min}. */
	public static Duration atLeast(String setting, @Nullable Duration value, Duration min) {
		if (value == null || value.compareTo(min) < 0) {
			throw new InvalidSettingException(setting, value, "at least " + Durations.text(min));
		}
		return value;
	}

	static Duration between(String setting, @Nullable Duration value, Duration min, Duration max) {
		if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
			throw new InvalidSettingException(setting, value,
					"between " + Durations.text(min) + " and " + Durations.text(max));
		}
		return value;
	}

	/**
	 * The regular expressions compiled; a bad one is named by its index
	 * ({@code ignore.thread-names[1]}).
	 */
	static List<Pattern> patterns(String setting, List<String> regexes) {
		List<Pattern> patterns = new ArrayList<>(regexes.size());
		for (int i = 0; i < regexes.size(); i++) {
			String regex = regexes.get(i);
			try {
				patterns.add(Pattern.compile(regex));
			}
			catch (PatternSyntaxException ex) {
				throw new InvalidSettingException(setting + "[" + i + "]", regex,
						"a valid regular expression (" + ex.getDescription() + " at index " + ex.getIndex() + ")");
			}
		}
		return List.copyOf(patterns);
	}

	/** The regular expressions the patterns were compiled from. */
	static List<String> regexes(List<Pattern> patterns) {
		return patterns.stream().map(Pattern::pattern).toList();
	}

}
