package io.github.threadleaks.core.internal;

import java.time.Duration;

import io.github.threadleaks.core.InvalidSettingException;
import org.jspecify.annotations.Nullable;

/**
 * The range checks of the settings: each fails with an {@link InvalidSettingException}
 * naming the setting. Not API: see the package.
 *
 * @since 0.1.0
 */
public final class SettingChecks {

	private SettingChecks() {
	}

	public static int range(String setting, int value, int min, int max) {
		if (value < min || value > max) {
			throw new InvalidSettingException(setting, value,
					(max == Integer.MAX_VALUE) ? "at least " + min : "between " + min + " and " + max);
		}
		return value;
	}

	/** A share of a whole that cannot be nothing: greater than 0 and at most 1. */
	public static double share(String setting, double value) {
		if (!(value > 0.0 && value <= 1.0)) {
			throw new InvalidSettingException(setting, value, "greater than 0 and at most 1");
		}
		return value;
	}

	/** A fraction that may be nothing: between 0 and 1 (NaN is rejected). */
	public static double fraction(String setting, double value) {
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

	public static Duration between(String setting, @Nullable Duration value, Duration min, Duration max) {
		if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
			throw new InvalidSettingException(setting, value,
					"between " + Durations.text(min) + " and " + Durations.text(max));
		}
		return value;
	}

}
