package io.github.threadleaks.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What makes threads one stack group: the normalized thread name, the thread state and the captured frames.
 * Its {@link #id()} is stable: the same key gives the same id in every run.
 */
final class GroupKey {

	private static final int ID_BYTES = 6;

	private final String name;

	private final Thread.State state;

	private final List<StackFrame> frames;

	private final int hash;

	GroupKey(String name, Thread.State state, List<StackFrame> frames) {
		this.name = name;
		this.state = state;
		this.frames = frames;
		this.hash = 31 * (31 * name.hashCode() + state.hashCode()) + frames.hashCode();
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

	/** Twelve hex digits of a SHA-256 over the key's text; computed once per group, not per sample. */
	String id() {
		StringBuilder text = new StringBuilder(this.name).append('\n').append(this.state);
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
	public boolean equals(Object other) {
		return this == other || (other instanceof GroupKey that && this.hash == that.hash
				&& this.state == that.state && this.name.equals(that.name) && this.frames.equals(that.frames));
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
