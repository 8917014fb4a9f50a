package io.github.threadleaks.monitoring;

import java.nio.file.Path;

import io.github.threadleaks.core.SystemBinary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus rules under {@code promtool}: they are valid, and their unit tests pass
 * (firing after the exact {@code for}, not firing before it or on a short suspicion,
 * recovering on release, the sampler alerts, and the fleet alert firing on 2 instances of
 * 3 with the instance count as its value but not on 1 of 3).
 */
class PrometheusRulesTests {

	private Path promtool;

	@BeforeEach
	void findPromtool() {
		this.promtool = SystemBinary.require("promtool", "apt-get install prometheus");
	}

	@Test
	void rulesAreValid() throws Exception {
		ToolRun run = ToolRun.run(Path.of("."), this.promtool, "check", "rules",
				MonitoringFiles.PROMETHEUS_RULES.toString());
		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.output()).contains("SUCCESS: 5 rules found");
	}

	@Test
	void ruleUnitTestsPass() throws Exception {
		ToolRun run = ToolRun.run(Path.of("."), this.promtool, "test", "rules",
				MonitoringFiles.PROMETHEUS_RULE_TESTS.toString());
		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.output()).contains("SUCCESS");
	}

}
