package io.github.threadleaks.core;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Folds the parts of thread names that differ between members of one pool, so that
 * {@code pool-12-thread-3} and {@code pool-40-thread-1} both read
 * {@code pool-#-thread-#}.
 *
 * @since 0.1.0
 */
public final class ThreadNames {

	/**
	 * Names longer than this are cut, with a marker, so that a hostile name cannot bloat
	 * a group key.
	 */
	static final int MAX_LENGTH = 200;

	/** Stands in for the part of a long text that was cut. */
	static final String TRUNCATED = "…";

	/** The shortest hexadecimal run folded where no {@code @} marks it. */
	private static final int MIN_HEX_RUN = 6;

	private ThreadNames() {
	}

	private static final Pattern UUID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	/**
	 * The name with every UUID, every run of digits, every hexadecimal run after
	 * {@code @} (an identity hash, as {@code Object.toString} writes it, may be as short
	 * as one digit) and every other hexadecimal run of six or more characters that holds
	 * a digit (ids, hashes), folded to {@code #}: one group per leak, whatever hash each
	 * leaked client got.
	 */
	public static String normalize(String name) {
		if (name.indexOf('-') >= 0) {
			name = UUID.matcher(name).replaceAll("#");
		}
		StringBuilder folded = new StringBuilder(Math.min(name.length(), MAX_LENGTH + 1));
		int i = 0;
		while (i < name.length() && folded.length() <= MAX_LENGTH) {
			int end = hexRunEnd(name, i);
			if (end > i && (afterHexMarker(name, i) || (end - i >= MIN_HEX_RUN && containsDigit(name, i, end)))) {
				folded.append('#');
				i = end;
			}
			else if (Character.isDigit(name.charAt(i))) {
				folded.append('#');
				while (i < name.length() && Character.isDigit(name.charAt(i))) {
					i++;
				}
			}
			else {
				folded.append(name.charAt(i));
				i++;
			}
		}
		if (i < name.length()) {
			folded.setLength(MAX_LENGTH);
			folded.append(TRUNCATED);
		}
		return folded.toString();
	}

	/**
	 * The text cut to {@code maxLength} characters with a visible marker ({@code …}) in
	 * place of what was left out; {@code null} stays {@code null}.
	 */
	static @Nullable String cut(@Nullable String text, int maxLength) {
		if (text == null || text.length() <= maxLength) {
			return text;
		}
		return text.substring(0, maxLength) + TRUNCATED;
	}

	/** Whether a hexadecimal run starting here follows {@code @}: an identity hash. */
	private static boolean afterHexMarker(String name, int start) {
		return start >= 1 && name.charAt(start - 1) == '@';
	}

	private static int hexRunEnd(String name, int start) {
		int end = start;
		while (end < name.length() && Character.digit(name.charAt(end), 16) >= 0) {
			end++;
		}
		return end;
	}

	private static boolean containsDigit(String name, int start, int end) {
		for (int i = start; i < end; i++) {
			if (Character.isDigit(name.charAt(i))) {
				return true;
			}
		}
		return false;
	}

}
