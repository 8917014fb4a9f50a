package io.github.threadleaks.reachability;

import java.util.Objects;

/**
 * Thrown when a reachability analysis is asked for while another runs: each takes a heap
 * dump, which pauses the application and needs disk and memory, so one runs at a time.
 *
 * @since 0.1.0
 */
public class AnalysisInProgressException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	AnalysisInProgressException() {
		super("A reachability analysis is already running; one runs at a time, ask again when it has finished");
	}

	@Override
	public String getMessage() {
		// The constructor sets it.
		return Objects.requireNonNull(super.getMessage());
	}

}
