package io.github.threadleaks.reachability;

import java.util.Objects;

/**
 * Thrown when the child JVM reading a heap dump ran out of the heap or the time it was
 * given: it was stopped and the dump deleted, and this JVM is untouched.
 *
 * @since 0.1.0
 */
public class AnalysisLimitException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Limit limit;

	AnalysisLimitException(Limit limit, String message) {
		super(message);
		this.limit = limit;
	}

	@Override
	public String getMessage() {
		// The constructor sets it.
		return Objects.requireNonNull(super.getMessage());
	}

	/**
	 * The limit the analysis exceeded.
	 * @return the limit
	 */
	public Limit limit() {
		return this.limit;
	}

	/**
	 * A limit of the child JVM.
	 *
	 * @since 0.1.0
	 */
	public enum Limit {

		/** Its maximum heap. */
		HEAP,

		/** Its timeout. */
		TIME

	}

}
