package io.github.threadleaks.core;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Durations as people read them: exact in Spring Boot's simple form ({@code 500ms},
 * {@code 30s}) for settings, in their messages and {@code toString}; rounded as Go prints
 * them in goroutine dumps ({@code 12m30s}) for elapsed times in explanations.
 *
 * @since 0.1.0
 */
public final class Durations {

	private static final long[] UNIT_NANOS = { 86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L,
			1_000_000, 1_000, 1 };

	private static final String[] UNIT_NAMES = { "d", "h", "m", "s", "ms", "us", "ns" };

	private Durations() {
	}

	/**
	 * A setting's duration, exactly, in the largest unit that holds it whole
	 * ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 1500ms}): the form users write in
	 * properties, which Spring Boot reads back unchanged.
	 */
	public static String text(Duration duration) {
		if (duration.isZero()) {
			return "0ms";
		}
		if (duration.abs().compareTo(Duration.ofDays(36_500)) > 0) {
			// Beyond what a long counts in nanoseconds; no setting allows such a value
			// anyway.
			return duration.toString();
		}
		long nanos = duration.toNanos();
		for (int i = 0; i < UNIT_NANOS.length; i++) {
			if (nanos % UNIT_NANOS[i] == 0) {
				return (nanos / UNIT_NANOS[i]) + UNIT_NAMES[i];
			}
		}
		throw new AssertionError("every duration is a whole number of nanoseconds");
	}

	/**
	 * A setting's value as text: durations in the {@link #text(Duration)} form, anything
	 * else as it prints.
	 */
	static String valueText(@Nullable Object value) {
		return (value instanceof Duration duration) ? text(duration) : String.valueOf(value);
	}

	static String format(long millis) {
		if (millis < 1000) {
			return millis + "ms";
		}
		long seconds = millis / 1000;
		long hours = seconds / 3600;
		long minutes = (seconds % 3600) / 60;
		long rest = seconds % 60;
		if (hours > 0) {
			return hours + "h" + minutes + "m";
		}
		if (minutes > 0) {
			return minutes + "m" + ((rest > 0) ? rest + "s" : "");
		}
		long tenths = (millis % 1000) / 100;
		return seconds + ((tenths > 0 && seconds < 10) ? "." + tenths : "") + "s";
	}

}
