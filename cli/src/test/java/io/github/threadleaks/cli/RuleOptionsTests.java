package io.github.threadleaks.cli;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import io.github.threadleaks.core.ThreadLeaksSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule setting of the engine is an option, and every option is in the command
 * line's documentation, so neither can be added without the other.
 */
class RuleOptionsTests {

	/**
	 * Settings with options of another name: the interval is each command's own, the
	 * ignore lists are repeatable options named in the singular.
	 */
	private static final Set<String> NAMED_OTHERWISE = Set.of("sample-interval", "ignore", "ignored-thread-names",
			"ignored-top-frames", "ignored-any-frames");

	@Test
	void everyRuleSettingIsAnOption() {
		Set<String> settings = new TreeSet<>();
		for (Method method : ThreadLeaksSettings.Builder.class.getDeclaredMethods()) {
			if (Modifier.isPublic(method.getModifiers()) && method.getReturnType() == ThreadLeaksSettings.Builder.class
					&& method.getParameterCount() == 1) {
				settings.add(kebab(method.getName()));
			}
		}
		settings.removeAll(NAMED_OTHERWISE);
		assertThat(settings).isNotEmpty();
		assertThat(options()).containsAll(settings.stream().map((setting) -> "--" + setting).toList());
	}

	@Test
	void eachOptionSetsItsSetting() {
		RuleOptions rules = new RuleOptions();
		new CommandLine(rules).parseArgs("--window", "40", "--min-growth", "7", "--min-rise-share", "0.3",
				"--min-stuck-share", "0.8", "--min-still-samples", "5", "--max-still-cpu-share", "0.05",
				"--stack-walk-budget", "50ms", "--horizons", "2", "--horizon-factor", "4", "--stack-depth", "16",
				"--max-groups", "200", "--ignore-thread-name", "a-.*", "--ignore-top-frame", "b\\.c",
				"--ignore-any-frame", "d\\.e");
		ThreadLeaksSettings settings = rules.settings(ThreadLeaksSettings.builder());
		assertThat(settings.window()).isEqualTo(40);
		assertThat(settings.minGrowth()).isEqualTo(7);
		assertThat(settings.minRiseShare()).isEqualTo(0.3);
		assertThat(settings.minStuckShare()).isEqualTo(0.8);
		assertThat(settings.minStillSamples()).isEqualTo(5);
		assertThat(settings.maxStillCpuShare()).isEqualTo(0.05);
		assertThat(settings.stackWalkBudget()).isEqualTo(Duration.ofMillis(50));
		assertThat(settings.horizons()).isEqualTo(2);
		assertThat(settings.horizonFactor()).isEqualTo(4);
		assertThat(settings.stackDepth()).isEqualTo(16);
		assertThat(settings.maxGroups()).isEqualTo(200);
		assertThat(settings.ignore().ignoresName("a-1")).isTrue();
		assertThat(settings.ignore().topFrames()).hasSize(1);
		assertThat(settings.ignore().anyFrames()).hasSize(1);
	}

	@Test
	void aValueOutOfRangeIsAUsageErrorNamingTheSetting() {
		CliRun run = CliRun.of("watch", "1", "--horizons", "9");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("horizons must be between 1 and 6 but was 9");
	}

	@Test
	void everyOptionIsDocumented() throws IOException {
		String docs = Files.readString(Path.of("../docs/cli.md"));
		List<String> undocumented = options().stream().filter((option) -> !docs.contains("`" + option + "`")).toList();
		assertThat(undocumented).as("rule options missing from docs/cli.md").isEmpty();
	}

	private static Set<String> options() {
		Set<String> names = new TreeSet<>();
		for (OptionSpec option : CommandSpec.forAnnotatedObject(new RuleOptions()).options()) {
			names.addAll(Arrays.asList(option.names()));
		}
		return names;
	}

	private static String kebab(String camel) {
		return camel.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
	}

}
