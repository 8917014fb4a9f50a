package io.github.threadleaks.core.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.threadleaks.core.InvalidSettingException;
import org.jspecify.annotations.Nullable;

/**
 * Durations as people write and read them, in every module: Spring Boot's dialect
 * ({@code 500ms}, {@code 30s}, {@code 2h}, {@code 1d}, or ISO-8601 {@code PT1S}) parsed
 * from settings and printed exactly in their messages and {@code toString}; rounded as Go
 * prints them in goroutine dumps ({@code 12m30s}) for elapsed times in explanations.
 *
 * @since 0.1.0
 */
public final class Durations {

	/** The forms {@link #parse(String, String)} reads, in words, for error messages. */
	public static final String FORMS = "a duration such as 500ms, 30s, 2h, 1d or PT1S";

	/**
	 * Spring Boot's simple form: a whole number, then a unit; no unit is milliseconds.
	 */
	private static final Pattern SIMPLE = Pattern.compile("([+-]?\\d+)([a-zA-Z]{0,2})");

	/** Spring Boot's ISO-8601 form, told apart by its leading {@code P}. */
	private static final Pattern ISO_8601 = Pattern.compile("[+-]?[pP].*");

	private static final long[] UNIT_NANOS = { 86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L,
			1_000_000, 1_000, 1 };

	private static final String[] UNIT_NAMES = { "d", "h", "m", "s", "ms", "us", "ns" };

	private Durations() {
	}

	/**
	 * A duration as Spring Boot reads it from properties: {@code 500ms}, {@code 30s},
	 * {@code 5m}, {@code 2h}, {@code 1d} (also {@code ns} and {@code us}; a bare number
	 * is milliseconds), or ISO-8601 ({@code PT1S}, {@code P1DT2H}). Surrounding spaces
	 * are ignored.
	 * @param setting the setting's name, for the error message
	 * @param text the duration's text
	 * @return the duration, which may be zero or negative: ranges are the caller's
	 * @throws InvalidSettingException naming the setting, the text and the forms read
	 */
	public static Duration parse(String setting, String text) {
		String trimmed = text.strip();
		try {
			Matcher simple = SIMPLE.matcher(trimmed);
			if (simple.matches()) {
				return Duration.of(Long.parseLong(simple.group(1)), unit(simple.group(2)));
			}
			if (ISO_8601.matcher(trimmed).matches()) {
				return Duration.parse(trimmed);
			}
		}
		catch (DateTimeParseException | ArithmeticException | IllegalArgumentException ex) {
			// An unknown unit, a number too large, or ISO-8601 that does not parse.
		}
		throw new InvalidSettingException(setting, text, FORMS);
	}

	private static ChronoUnit unit(String suffix) {
		return switch (suffix.toLowerCase(Locale.ROOT)) {
			case "ns" -> ChronoUnit.NANOS;
			case "us" -> ChronoUnit.MICROS;
			case "", "ms" -> ChronoUnit.MILLIS;
			case "s" -> ChronoUnit.SECONDS;
			case "m" -> ChronoUnit.MINUTES;
			case "h" -> ChronoUnit.HOURS;
			case "d" -> ChronoUnit.DAYS;
			default -> throw new IllegalArgumentException("unknown unit " + suffix);
		};
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
	public static String valueText(@Nullable Object value) {
		return (value instanceof Duration duration) ? text(duration) : String.valueOf(value);
	}

	public static String format(long millis) {
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
