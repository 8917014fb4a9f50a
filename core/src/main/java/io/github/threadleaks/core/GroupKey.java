package io.github.threadleaks.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What makes threads one stack group: the normalized thread name, the thread state and
 * the captured frames. Its {@link #id()} is stable: the same key gives the same id in
 * every run.
 */
final class GroupKey {

	private static final int ID_BYTES = 6;

	private final String name;

	private final Thread.State state;

	private final List<StackFrame> frames;

	private final @Nullable String container;

	private final int hash;

	GroupKey(String name, Thread.State state, List<StackFrame> frames) {
		this(name, state, frames, null);
	}

	/**
	 * A key of threads in a container (virtual threads: the executor that started them).
	 */
	GroupKey(String name, Thread.State state, List<StackFrame> frames, @Nullable String container) {
		this.name = name;
		this.state = state;
		this.frames = frames;
		this.container = container;
		this.hash = 31 * (31 * name.hashCode() + state.hashCode()) + frames.hashCode() + Objects.hashCode(container);
	}

	String name() {
		return this.name;
	}

	Thread.State state() {
		return this.state;
	}

	List<StackFrame> frames() {
		return this.frames;
	}

	/** The threads' container, normalized, or {@code null} for platform threads. */
	@Nullable String container() {
		return this.container;
	}

	/**
	 * Twelve hex digits of a SHA-256 over the key's text; computed once per group, not
	 * per sample.
	 */
	String id() {
		StringBuilder text = new StringBuilder(this.name).append('\n').append(this.state);
		if (this.container != null) {
			// Only keys with a container hash it: the ids of platform groups stay what
			// they were.
			text.append("\ncontainer ").append(this.container);
		}
		for (StackFrame frame : this.frames) {
			text.append('\n').append(frame);
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(text.toString().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, ID_BYTES);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM must provide SHA-256", ex);
		}
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof GroupKey that && this.hash == that.hash && this.state == that.state
				&& this.name.equals(that.name) && this.frames.equals(that.frames)
				&& Objects.equals(this.container, that.container));
	}

	@Override
	public int hashCode() {
		return this.hash;
	}

	@Override
	public String toString() {
		return this.name + " " + this.state + " " + this.frames;
	}

}
