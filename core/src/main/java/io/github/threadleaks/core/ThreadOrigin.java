package io.github.threadleaks.core;

import java.util.List;

/**
 * Where one thread was started, as far as {@link CreationSites} knows.
 *
 * @param kind whether the site is known, and if not, why
 * @param site the application's frame that led to the thread's start, followed by
 * {@code via} and the frame of the library that started it where that is another
 * ({@code com.acme.Orders.fetch(line 42) via
 * io.netty.util.concurrent.ThreadPerTaskExecutor.execute(line 61)}; see
 * {@link io.github.threadleaks.core.creation.ApplicationPackages}), or a parenthesized
 * note where the site is not known
 * @param frames the starter's frames, top first, from the first past the JDK's own
 * thread-starting frames; empty where the site is not known
 * @since 0.1.0
 */
public record ThreadOrigin(Kind kind, String site, List<String> frames) {

	/** A thread alive before tracking started: its start was never seen. */
	public static final ThreadOrigin BEFORE_MONITORING = new ThreadOrigin(Kind.BEFORE_MONITORING,
			"(created before monitoring started)", List.of());

	/**
	 * A thread started since tracking started whose start has not been delivered yet (JFR
	 * flushes about once a second).
	 */
	public static final ThreadOrigin NOT_YET_KNOWN = new ThreadOrigin(Kind.NOT_YET_KNOWN, "(not yet known)", List.of());

	/**
	 * A thread whose start is unknown, and the tracker has forgotten threads beyond its
	 * bound since it started: either its start has not been delivered yet or it was
	 * forgotten.
	 */
	public static final ThreadOrigin FORGOTTEN_OR_NOT_YET_KNOWN = new ThreadOrigin(Kind.NOT_YET_KNOWN,
			"(not yet known, or forgotten: more threads were started than max-threads)", List.of());

	/** No site, since tracking is off or unavailable. */
	public static final ThreadOrigin UNTRACKED = new ThreadOrigin(Kind.UNTRACKED, "(creation sites not tracked)",
			List.of());

	public ThreadOrigin {
		frames = List.copyOf(frames);
	}

	/** The origin of a thread started at the given frames (top first, at least one). */
	public static ThreadOrigin startedAt(List<String> frames) {
		return new ThreadOrigin(Kind.STARTED_AT, frames.get(0), frames);
	}

	/**
	 * The origin of a thread started at the given frames, named by {@code site}: the
	 * application's frame, then {@code via} the library's where a library started it.
	 */
	public static ThreadOrigin startedAt(String site, List<String> frames) {
		return new ThreadOrigin(Kind.STARTED_AT, site, frames);
	}

	/**
	 * Whether this origin can no longer change: a known site. A thread taken for one
	 * alive before tracking started may yet have its start delivered (one started as
	 * tracking began), so that answer is asked again.
	 */
	boolean settled() {
		return this.kind == Kind.STARTED_AT;
	}

	/**
	 * What is known of a thread's start.
	 *
	 * @since 0.1.0
	 */
	public enum Kind {

		/** The code that started it is known. */
		STARTED_AT,

		/** It was alive before tracking started. */
		BEFORE_MONITORING,

		/** Its start has not been delivered yet (or was forgotten beyond the bound). */
		NOT_YET_KNOWN,

		/** Creation sites are not tracked. */
		UNTRACKED

	}

}
