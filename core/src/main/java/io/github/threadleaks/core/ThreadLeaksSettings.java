package io.github.threadleaks.core;

import java.time.Duration;
import java.util.List;

import io.github.threadleaks.core.internal.Durations;
import io.github.threadleaks.core.internal.SettingChecks;

/**
 * The engine's validated settings. Immutable; built with {@link #builder()}, which
 * rejects any value outside its allowed range with an {@link InvalidSettingException}
 * naming the setting.
 *
 * @since 0.1.0
 */
public final class ThreadLeaksSettings {

	/**
	 * The shortest sampling interval: sampling faster would make the sampler itself a
	 * load.
	 */
	public static final Duration MIN_SAMPLE_INTERVAL = Duration.ofMillis(100);

	/** The deepest stack kept per thread. */
	public static final int MAX_STACK_DEPTH = 1024;

	/** The longest window, in samples. */
	public static final int MAX_WINDOW = 10_000;

	/** The most horizons (downsampled histories) kept per group. */
	public static final int MAX_HORIZONS = 6;

	private final Duration sampleInterval;

	private final int window;

	private final int minGrowth;

	private final double minRiseShare;

	private final double minStuckShare;

	private final int minStillSamples;

	private final double maxStillCpuShare;

	private final Duration stackWalkBudget;

	private final int horizons;

	private final int horizonFactor;

	private final int stackDepth;

	private final int maxGroups;

	private final IgnoreRules ignore;

	private ThreadLeaksSettings(Builder builder) {
		this.sampleInterval = builder.sampleInterval;
		this.window = builder.window;
		this.minGrowth = builder.minGrowth;
		this.minRiseShare = builder.minRiseShare;
		this.minStuckShare = builder.minStuckShare;
		this.minStillSamples = builder.minStillSamples;
		this.maxStillCpuShare = builder.maxStillCpuShare;
		this.stackWalkBudget = builder.stackWalkBudget;
		this.horizons = builder.horizons;
		this.horizonFactor = builder.horizonFactor;
		this.stackDepth = builder.stackDepth;
		this.maxGroups = builder.maxGroups;
		this.ignore = builder.ignore;
	}

	/** A builder holding the defaults. */
	public static Builder builder() {
		return new Builder();
	}

	/** The defaults. */
	public static ThreadLeaksSettings defaults() {
		return builder().build();
	}

	/** How often a sample is taken. */
	public Duration sampleInterval() {
		return this.sampleInterval;
	}

	/** How many samples the detector looks back over, at the finest horizon. */
	public int window() {
		return this.window;
	}

	/** How many threads a group must grow by over the window to be suspected. */
	public int minGrowth() {
		return this.minGrowth;
	}

	/** The share of the window's steps on which a suspected group's count must rise. */
	public double minRiseShare() {
		return this.minRiseShare;
	}

	/**
	 * The share of a suspected group's judged members (in the group for
	 * {@link #minStillSamples()} samples) that must be stuck: still, not moved since the
	 * previous sample, for that many samples in a row.
	 */
	public double minStuckShare() {
		return this.minStuckShare;
	}

	/**
	 * How many samples in a row a member must have sat still to be stuck, and have been
	 * in its group to be judged: still between two samples is no evidence, a leaked
	 * thread stays still for as long as the leak lasts. Members that joined their group
	 * fewer samples ago are not judged yet. At most {@code window - 1} applies, so that a
	 * window can always judge some members.
	 */
	public int minStillSamples() {
		return Math.min(this.minStillSamples, this.window - 1);
	}

	/**
	 * The most CPU time, as a share of the wall time since the previous sample, that a
	 * runnable thread on an unchanged stack may use and still count as still: an idle
	 * event loop wakes on timers and uses a little.
	 */
	public double maxStillCpuShare() {
		return this.maxStillCpuShare;
	}

	/**
	 * The time one sample may spend walking the stacks of known runnable threads that
	 * moved or may have: quiet ones (on little CPU, perhaps an idle event loop) first,
	 * then busy ones (working, so never still). New threads and waiting or blocked ones
	 * that moved are always walked. Runnable ones are walked in batches while the budget
	 * lasts, and not at all while one walk costs more than the budget (under CPU
	 * starvation each walk waits for every busy thread), tried again every 10 samples;
	 * those not walked keep their previous record (their group; a busy one is no longer
	 * still, a quiet one's stillness neither grows nor is lost) and go first next time.
	 */
	public Duration stackWalkBudget() {
		return this.stackWalkBudget;
	}

	/**
	 * How many horizons are judged: 1 is the window alone; each further one is
	 * downsampled by {@link #horizonFactor()}.
	 */
	public int horizons() {
		return this.horizons;
	}

	/** How many points of one horizon make one point of the next, coarser one. */
	public int horizonFactor() {
		return this.horizonFactor;
	}

	/** How many frames are kept per thread, from the top. */
	public int stackDepth() {
		return this.stackDepth;
	}

	/**
	 * How many stack groups are tracked at most; the smallest and stalest are evicted
	 * first.
	 */
	public int maxGroups() {
		return this.maxGroups;
	}

	/** The threads left out of every sample. */
	public IgnoreRules ignore() {
		return this.ignore;
	}

	/** A builder holding these settings, to change some of them. */
	public Builder toBuilder() {
		return builder().sampleInterval(this.sampleInterval)
			.window(this.window)
			.minGrowth(this.minGrowth)
			.minRiseShare(this.minRiseShare)
			.minStuckShare(this.minStuckShare)
			.minStillSamples(this.minStillSamples)
			.maxStillCpuShare(this.maxStillCpuShare)
			.stackWalkBudget(this.stackWalkBudget)
			.horizons(this.horizons)
			.horizonFactor(this.horizonFactor)
			.stackDepth(this.stackDepth)
			.maxGroups(this.maxGroups)
			.ignore(this.ignore);
	}

	/**
	 * These settings at another sample interval: the virtual threads are sampled at a
	 * cadence of their own.
	 */
	public ThreadLeaksSettings withSampleInterval(Duration interval) {
		return toBuilder().sampleInterval(interval).build();
	}

	@Override
	public String toString() {
		return "ThreadLeaksSettings[sampleInterval=" + Durations.text(this.sampleInterval) + ", window=" + this.window
				+ ", minGrowth=" + this.minGrowth + ", minRiseShare=" + this.minRiseShare + ", minStuckShare="
				+ this.minStuckShare + ", minStillSamples=" + this.minStillSamples + ", maxStillCpuShare="
				+ this.maxStillCpuShare + ", stackWalkBudget=" + Durations.text(this.stackWalkBudget) + ", horizons="
				+ this.horizons + ", horizonFactor=" + this.horizonFactor + ", stackDepth=" + this.stackDepth
				+ ", maxGroups=" + this.maxGroups + ", ignore=" + this.ignore + "]";
	}

	/**
	 * Builds {@link ThreadLeaksSettings}; each setter checks its value at once.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private Duration sampleInterval = Duration.ofSeconds(10);

		private int window = 30;

		private int minGrowth = 10;

		private double minRiseShare = 0.25;

		private double minStuckShare = 0.9;

		private int minStillSamples = 3;

		private double maxStillCpuShare = 0.01;

		private Duration stackWalkBudget = Duration.ofMillis(20);

		private int horizons = 3;

		private int horizonFactor = 10;

		private int stackDepth = 32;

		private int maxGroups = 1000;

		private IgnoreRules ignore = IgnoreRules.NONE;

		private Builder() {
		}

		public Builder sampleInterval(Duration sampleInterval) {
			this.sampleInterval = SettingChecks.atLeast("sample-interval", sampleInterval, MIN_SAMPLE_INTERVAL);
			return this;
		}

		public Builder window(int window) {
			this.window = SettingChecks.range("window", window, 3, MAX_WINDOW);
			return this;
		}

		public Builder minGrowth(int minGrowth) {
			this.minGrowth = SettingChecks.range("min-growth", minGrowth, 1, Integer.MAX_VALUE);
			return this;
		}

		public Builder minRiseShare(double minRiseShare) {
			this.minRiseShare = SettingChecks.share("min-rise-share", minRiseShare);
			return this;
		}

		public Builder minStuckShare(double minStuckShare) {
			this.minStuckShare = SettingChecks.share("min-stuck-share", minStuckShare);
			return this;
		}

		public Builder minStillSamples(int minStillSamples) {
			this.minStillSamples = SettingChecks.range("min-still-samples", minStillSamples, 1, MAX_WINDOW - 1);
			return this;
		}

		public Builder maxStillCpuShare(double maxStillCpuShare) {
			this.maxStillCpuShare = SettingChecks.fraction("max-still-cpu-share", maxStillCpuShare);
			return this;
		}

		public Builder stackWalkBudget(Duration stackWalkBudget) {
			this.stackWalkBudget = SettingChecks.between("stack-walk-budget", stackWalkBudget, Duration.ofMillis(1),
					Duration.ofHours(1));
			return this;
		}

		public Builder horizons(int horizons) {
			this.horizons = SettingChecks.range("horizons", horizons, 1, MAX_HORIZONS);
			return this;
		}

		public Builder horizonFactor(int horizonFactor) {
			this.horizonFactor = SettingChecks.range("horizon-factor", horizonFactor, 2, 1000);
			return this;
		}

		public Builder stackDepth(int stackDepth) {
			this.stackDepth = SettingChecks.range("stack-depth", stackDepth, 1, MAX_STACK_DEPTH);
			return this;
		}

		public Builder maxGroups(int maxGroups) {
			this.maxGroups = SettingChecks.range("max-groups", maxGroups, 1, 1_000_000);
			return this;
		}

		/** The threads to leave out of every sample, replacing any given before. */
		public Builder ignore(IgnoreRules ignore) {
			this.ignore = ignore;
			return this;
		}

		/**
		 * The thread names to ignore, replaced; a bad one is
		 * {@code ignore.thread-names[i]}.
		 */
		public Builder ignoredThreadNames(List<String> regexes) {
			this.ignore = this.ignore.withThreadNames(regexes);
			return this;
		}

		/**
		 * The top frames to ignore, replaced; a bad one is {@code ignore.top-frames[i]}.
		 */
		public Builder ignoredTopFrames(List<String> regexes) {
			this.ignore = this.ignore.withTopFrames(regexes);
			return this;
		}

		/**
		 * The frames anywhere to ignore, replaced; a bad one is
		 * {@code ignore.any-frames[i]}.
		 */
		public Builder ignoredAnyFrames(List<String> regexes) {
			this.ignore = this.ignore.withAnyFrames(regexes);
			return this;
		}

		/** The settings. */
		public ThreadLeaksSettings build() {
			return new ThreadLeaksSettings(this);
		}

	}

}
