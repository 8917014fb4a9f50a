package io.github.threadleaks.core;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Why the latest sample failed. Samples go on at every interval; the next one that
 * succeeds clears this.
 *
 * @param type the exception's class name
 * @param message the exception's message, cut to {@value #MAX_MESSAGE_LENGTH} characters,
 * or {@code null}
 * @param failedAt when the sample failed
 * @param consecutiveFailures how many samples in a row have failed, this one included
 * @since 0.1.0
 */
public record SampleFailure(String type, @Nullable String message, Instant failedAt, long consecutiveFailures) {

	/**
	 * The longest message kept: a failure's message is not ours and may be of any length.
	 */
	public static final int MAX_MESSAGE_LENGTH = 500;

	static SampleFailure of(Throwable failure, Instant failedAt, long consecutiveFailures) {
		return new SampleFailure(failure.getClass().getName(),
				ThreadNames.cut(failure.getMessage(), MAX_MESSAGE_LENGTH), failedAt, consecutiveFailures);
	}

}
