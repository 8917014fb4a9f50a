package io.github.threadleaks.core.virtual;

import java.time.Duration;
import java.util.Optional;

import io.github.threadleaks.core.InvalidSettingException;
import io.github.threadleaks.core.ThreadLeaksSettings;
import io.github.threadleaks.core.internal.Durations;
import io.github.threadleaks.core.internal.SettingChecks;
import org.jspecify.annotations.Nullable;

/**
 * How the virtual threads are watched: whether at all, how often they are listed (by
 * default at the platform threads' sample interval), the budget of one listing beyond
 * which the interval is stretched, and the most threads one listing walks. Immutable;
 * made with {@link #builder()}.
 *
 * @since 0.1.0
 */
public final class VirtualThreadSettings {

	/**
	 * The shortest interval between two listings, the platform threads' shortest sample
	 * interval: a steady listing walks only the stacks that moved, and the budget
	 * stretches the interval of a listing that costs more.
	 */
	public static final Duration MIN_INTERVAL = ThreadLeaksSettings.MIN_SAMPLE_INTERVAL;

	/** The smallest budget of one listing. */
	public static final Duration MIN_MAX_SAMPLE_TIME = Duration.ofMillis(1);

	/**
	 * The most threads one listing lists by default: a first listing walks every stack,
	 * several seconds at this count on a small machine.
	 */
	public static final int DEFAULT_MAX_THREADS = 100_000;

	private final boolean enabled;

	private final @Nullable Duration interval;

	private final Duration maxSampleTime;

	private final Duration maxInterval;

	private final int maxThreads;

	private VirtualThreadSettings(Builder builder) {
		this.enabled = builder.enabled;
		this.interval = builder.interval;
		this.maxSampleTime = builder.maxSampleTime;
		this.maxInterval = builder.maxInterval;
		this.maxThreads = builder.maxThreads;
	}

	/** A builder holding the defaults. */
	public static Builder builder() {
		return new Builder();
	}

	/** The defaults. */
	public static VirtualThreadSettings defaults() {
		return builder().build();
	}

	/**
	 * Whether virtual threads may be watched; {@code true} by default, where the JVM can
	 * list them safely (see {@link VirtualThreadMonitor#of}).
	 */
	public boolean enabled() {
		return this.enabled;
	}

	/**
	 * The time between two listings while they stay within budget, where set; by default
	 * (empty) the platform threads' sample interval.
	 */
	public Optional<Duration> interval() {
		return Optional.ofNullable(this.interval);
	}

	/**
	 * The time between two listings while they stay within budget, next to platform
	 * threads sampled with the given settings.
	 */
	public Duration intervalBeside(ThreadLeaksSettings platform) {
		return (this.interval != null) ? this.interval : platform.sampleInterval();
	}

	/**
	 * The budget of one listing; a listing that takes longer doubles the interval, up to
	 * {@link #maxInterval()}.
	 */
	public Duration maxSampleTime() {
		return this.maxSampleTime;
	}

	/**
	 * The longest the interval is stretched to (never below the interval: an interval
	 * above it, taken from the platform threads' settings, is never stretched).
	 */
	public Duration maxInterval() {
		return this.maxInterval;
	}

	/**
	 * The most virtual threads one listing lists; the threads past it are left out of it.
	 */
	public int maxThreads() {
		return this.maxThreads;
	}

	/** A builder holding these settings, to change some of them. */
	public Builder toBuilder() {
		return new Builder(this);
	}

	@Override
	public String toString() {
		String interval = (this.interval != null) ? Durations.text(this.interval) : "sample-interval";
		return "VirtualThreadSettings[enabled=" + this.enabled + ", interval=" + interval + ", maxSampleTime="
				+ Durations.text(this.maxSampleTime) + ", maxInterval=" + Durations.text(this.maxInterval)
				+ ", maxThreads=" + this.maxThreads + "]";
	}

	/**
	 * Builds {@link VirtualThreadSettings}; {@link #build()} checks the values.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		// On: only sources that did not crash the JVM under churn are ever chosen
		// (VirtualThreadMonitor.of).
		private boolean enabled = true;

		// The platform's: a steady listing costs about a look at each thread.
		private @Nullable Duration interval;

		private Duration maxSampleTime = Duration.ofSeconds(1);

		private Duration maxInterval = Duration.ofMinutes(5);

		private int maxThreads = DEFAULT_MAX_THREADS;

		private Builder() {
		}

		private Builder(VirtualThreadSettings settings) {
			this.enabled = settings.enabled;
			this.interval = settings.interval;
			this.maxSampleTime = settings.maxSampleTime;
			this.maxInterval = settings.maxInterval;
			this.maxThreads = settings.maxThreads;
		}

		public Builder enabled(boolean enabled) {
			this.enabled = enabled;
			return this;
		}

		public Builder interval(Duration interval) {
			this.interval = SettingChecks.atLeast("virtual-threads.interval", interval, MIN_INTERVAL);
			return this;
		}

		public Builder maxSampleTime(Duration maxSampleTime) {
			this.maxSampleTime = SettingChecks.atLeast("virtual-threads.max-sample-time", maxSampleTime,
					MIN_MAX_SAMPLE_TIME);
			return this;
		}

		public Builder maxInterval(Duration maxInterval) {
			this.maxInterval = SettingChecks.atLeast("virtual-threads.max-interval", maxInterval, MIN_INTERVAL);
			return this;
		}

		public Builder maxThreads(int maxThreads) {
			if (maxThreads < 1) {
				throw new InvalidSettingException("virtual-threads.max-threads", maxThreads, "at least 1");
			}
			this.maxThreads = maxThreads;
			return this;
		}

		/**
		 * The settings; throws {@link InvalidSettingException} if the longest interval is
		 * below the interval set.
		 */
		public VirtualThreadSettings build() {
			if (this.interval != null && this.maxInterval.compareTo(this.interval) < 0) {
				throw new InvalidSettingException("virtual-threads.max-interval", this.maxInterval,
						"at least virtual-threads.interval (" + Durations.text(this.interval) + ")");
			}
			return new VirtualThreadSettings(this);
		}

	}

}
