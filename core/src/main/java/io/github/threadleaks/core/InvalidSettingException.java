package io.github.threadleaks.core;

import io.github.threadleaks.core.internal.Durations;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a setting of {@link ThreadLeaksSettings} is outside its allowed range.
 * {@link #setting()} is the setting's kebab-case name, as in the {@code threadleaks.*}
 * properties.
 *
 * @since 0.1.0
 */
public class InvalidSettingException extends IllegalArgumentException {

	private final String setting;

	private final String value;

	private final String allowed;

	/**
	 * A setting rejected.
	 * @param setting the setting's kebab-case name, as in the {@code threadleaks.*}
	 * properties
	 * @param value the rejected value; a {@link java.time.Duration} reads as properties
	 * are written ({@code 500ms})
	 * @param allowed the allowed range, in words ({@code at least 1})
	 */
	public InvalidSettingException(String setting, @Nullable Object value, String allowed) {
		super(setting + " must be " + allowed + " but was " + Durations.valueText(value));
		this.setting = setting;
		this.value = Durations.valueText(value);
		this.allowed = allowed;
	}

	/** The setting's kebab-case name, for example {@code sample-interval}. */
	public String setting() {
		return this.setting;
	}

	/**
	 * The rejected value, as text; a duration as users write it in properties
	 * ({@code 500ms}, {@code 30s}).
	 */
	public String value() {
		return this.value;
	}

	/** The allowed range, in words, for example {@code at least 3}. */
	public String allowed() {
		return this.allowed;
	}

}
