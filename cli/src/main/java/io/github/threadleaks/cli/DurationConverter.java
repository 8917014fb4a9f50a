package io.github.threadleaks.cli;

import java.time.Duration;

import io.github.threadleaks.core.InvalidSettingException;
import io.github.threadleaks.core.internal.Durations;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A duration as the engine reads every setting ({@code 500ms}, {@code 30s}, {@code 2h},
 * {@code 1d}, {@code PT1S}); picocli names the option in its message.
 */
final class DurationConverter implements ITypeConverter<Duration> {

	@Override
	public Duration convert(String value) {
		try {
			return Durations.parse("DURATION", value);
		}
		catch (InvalidSettingException ex) {
			throw new TypeConversionException("'" + ex.value() + "' is not " + ex.allowed());
		}
	}

}
