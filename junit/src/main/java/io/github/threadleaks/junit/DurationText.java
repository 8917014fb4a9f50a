package io.github.threadleaks.junit;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Durations as people write them in configuration: {@code 500ms}, {@code 2s}, {@code 1m},
 * or ISO-8601.
 */
final class DurationText {

	private static final Pattern NUMBER_AND_UNIT = Pattern.compile("(\\d{1,9})\\s*(ms|s|m)");

	private DurationText() {
	}

	/**
	 * The duration, or {@code null} if the text is neither a number with a unit nor
	 * ISO-8601.
	 */
	static @Nullable Duration parse(String text) {
		String trimmed = text.trim().toLowerCase(Locale.ROOT);
		Matcher matcher = NUMBER_AND_UNIT.matcher(trimmed);
		if (matcher.matches()) {
			long amount = Long.parseLong(matcher.group(1));
			return switch (matcher.group(2)) {
				case "ms" -> Duration.ofMillis(amount);
				case "s" -> Duration.ofSeconds(amount);
				default -> Duration.ofMinutes(amount);
			};
		}
		try {
			return Duration.parse(trimmed.toUpperCase(Locale.ROOT));
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * {@code 2m}, {@code 1s}, {@code 1500ms}: in the largest of these units that states
	 * it exactly.
	 */
	static String format(Duration duration) {
		long millis = duration.toMillis();
		if (millis != 0 && millis % 60_000 == 0) {
			return (millis / 60_000) + "m";
		}
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

}
