package io.github.threadleaks.core;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a setting of {@link ThreadLeaksSettings} is outside its allowed range.
 * {@link #setting()} is the setting's kebab-case name, as in the {@code threadleaks.*} properties.
 */
public class InvalidSettingException extends IllegalArgumentException {

	private final String setting;

	private final String value;

	private final String allowed;

	public InvalidSettingException(String setting, @Nullable Object value, String allowed) {
		super(setting + " must be " + allowed + " but was " + value);
		this.setting = setting;
		this.value = String.valueOf(value);
		this.allowed = allowed;
	}

	/** The setting's kebab-case name, for example {@code sample-interval}. */
	public String setting() {
		return this.setting;
	}

	/** The rejected value, as text. */
	public String value() {
		return this.value;
	}

	/** The allowed range, in words, for example {@code at least 3}. */
	public String allowed() {
		return this.allowed;
	}

}
