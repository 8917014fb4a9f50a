package io.github.threadleaks.core.internal;

/**
 * A count with its noun, in every message of every module: {@code 1 thread},
 * {@code 2 threads}. Not API: see the package.
 *
 * @since 0.1.0
 */
public final class Plurals {

	private Plurals() {
	}

	/**
	 * The count and the noun, plural unless the count is one ({@code 0 checks}).
	 * @param count how many
	 * @param noun the singular noun, made plural with an {@code s}
	 * @return the count and the noun
	 */
	public static String count(long count, String noun) {
		return count + " " + noun + ((count == 1) ? "" : "s");
	}

}
