package io.github.threadleaks.junit;

/**
 * The failure of a test that leaked threads; its message lists them grouped by stack.
 * When the test failed too, this is a suppressed exception of the test's own failure.
 *
 * @since 0.1.0
 */
public final class ThreadLeakError extends AssertionError {

	private static final long serialVersionUID = 1L;

	ThreadLeakError(String message) {
		super(message);
	}

}
