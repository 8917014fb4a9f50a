package io.github.threadleaks.cli;

import java.util.List;

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
		if (this.window != null) {
			defaults.window(this.window);
		}
		if (this.minGrowth != null) {
			defaults.minGrowth(this.minGrowth);
		}
		if (this.minRiseShare != null) {
			defaults.minRiseShare(this.minRiseShare);
		}
		if (this.minStuckShare != null) {
			defaults.minStuckShare(this.minStuckShare);
		}
		if (this.stackDepth != null) {
			defaults.stackDepth(this.stackDepth);
		}
		if (this.maxGroups != null) {
			defaults.maxGroups(this.maxGroups);
		}
		return defaults.ignore(IgnoreRules.of(this.ignoredThreadNames, this.ignoredTopFrames, this.ignoredAnyFrames))
			.build();
	}

}
