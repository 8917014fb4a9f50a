package io.github.threadleaks.autoconfigure.endpoint;

import io.github.threadleaks.core.SampleFailure;
import org.jspecify.annotations.Nullable;

/**
 * Why the latest sample failed, as the {@code threadleaks} endpoint shows it.
 *
 * @param type the exception's class name
 * @param message the exception's message, cut to
 * {@value SampleFailure#MAX_MESSAGE_LENGTH} characters, absent if it had none
 * @param failedAt when the sample failed (ISO-8601)
 * @param consecutiveFailures how many samples in a row have failed
 * @since 0.1.0
 */
public record SampleFailureDescriptor(String type, @Nullable String message, String failedAt,
		long consecutiveFailures) {

	static SampleFailureDescriptor of(SampleFailure failure) {
		return new SampleFailureDescriptor(failure.type(), failure.message(), failure.failedAt().toString(),
				failure.consecutiveFailures());
	}

}
