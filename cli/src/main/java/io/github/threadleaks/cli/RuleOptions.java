package io.github.threadleaks.cli;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.github.threadleaks.core.IgnoreRules;
import io.github.threadleaks.core.ThreadLeaksSettings;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The engine's rule settings as options; each left out keeps the command's own default.
 */
final class RuleOptions {

	@Option(names = "--window", paramLabel = "SAMPLES",
			description = "Samples (dumps) the rule looks back over. "
					+ "Default: analyze, the number of dumps up to 30; watch, 30.")
	@Nullable Integer window;

	@Option(names = "--min-growth", paramLabel = "THREADS",
			description = "Threads a group must grow by over the window. Default: analyze 5, watch 10.")
	@Nullable Integer minGrowth;

	@Option(names = "--min-rise-share", paramLabel = "SHARE",
			description = "Share of the window's steps on which the count must rise (0-1]. "
					+ "Default: analyze 0.5, watch 0.25.")
	@Nullable Double minRiseShare;

	@Option(names = "--min-stuck-share", paramLabel = "SHARE",
			description = "Share of a group's judged members that must be stuck: still for min-still-samples "
					+ "samples in a row (0-1]. Default: 0.9.")
	@Nullable Double minStuckShare;

	@Option(names = "--min-still-samples", paramLabel = "SAMPLES",
			description = "Samples in a row a member must sit still for to count as stuck; "
					+ "at most the window less 1 applies. Default: 3.")
	@Nullable Integer minStillSamples;

	@Option(names = "--max-still-cpu-share", paramLabel = "SHARE",
			description = "CPU time, as a share of the time between samples, a runnable thread on an unchanged "
					+ "stack may use and still sit still [0-1]. Default: 0.01.")
	@Nullable Double maxStillCpuShare;

	@Option(names = "--stack-walk-budget", paramLabel = "DURATION", converter = DurationConverter.class,
			description = "Time one sample may spend walking the stacks of runnable threads (1ms to 1h). "
					+ "Default: 20ms.")
	@Nullable Duration stackWalkBudget;

	@Option(names = "--horizons", paramLabel = "COUNT",
			description = "Horizons judged: 1 is the window alone, each further one downsampled by the horizon "
					+ "factor (1 to 6). Default: 3.")
	@Nullable Integer horizons;

	@Option(names = "--horizon-factor", paramLabel = "POINTS",
			description = "Points of one horizon that make one point of the next, coarser one (2 to 1000). "
					+ "Default: 10.")
	@Nullable Integer horizonFactor;

	@Option(names = "--stack-depth", paramLabel = "FRAMES", description = "Frames kept per thread. Default: 32.")
	@Nullable Integer stackDepth;

	@Option(names = "--max-groups", paramLabel = "GROUPS", description = "Stack groups tracked at most. Default: 1000.")
	@Nullable Integer maxGroups;

	@Option(names = "--ignore-thread-name", paramLabel = "REGEX",
			description = "Leaves out threads whose name matches; repeatable.")
	List<String> ignoredThreadNames = List.of();

	@Option(names = "--ignore-top-frame", paramLabel = "REGEX",
			description = "Leaves out threads whose top frame (class.method) matches; repeatable.")
	List<String> ignoredTopFrames = List.of();

	@Option(names = "--ignore-any-frame", paramLabel = "REGEX",
			description = "Leaves out threads with any frame (class.method) matching; repeatable.")
	List<String> ignoredAnyFrames = List.of();

	/**
	 * The settings: these options over the given defaults. Throws
	 * {@link io.github.threadleaks.core.InvalidSettingException} naming the setting for a
	 * value out of range.
	 */
	ThreadLeaksSettings settings(ThreadLeaksSettings.Builder defaults) {
		set(this.window, defaults::window);
		set(this.minGrowth, defaults::minGrowth);
		set(this.minRiseShare, defaults::minRiseShare);
		set(this.minStuckShare, defaults::minStuckShare);
		set(this.minStillSamples, defaults::minStillSamples);
		set(this.maxStillCpuShare, defaults::maxStillCpuShare);
		set(this.stackWalkBudget, defaults::stackWalkBudget);
		set(this.horizons, defaults::horizons);
		set(this.horizonFactor, defaults::horizonFactor);
		set(this.stackDepth, defaults::stackDepth);
		set(this.maxGroups, defaults::maxGroups);
		return defaults.ignore(IgnoreRules.of(this.ignoredThreadNames, this.ignoredTopFrames, this.ignoredAnyFrames))
			.build();
	}

	private static <T> void set(@Nullable T value, Consumer<T> setting) {
		if (value != null) {
			setting.accept(value);
		}
	}

}
