package io.github.threadleaks.monitoring;

import java.nio.file.Path;

/**
 * The files this module ships, relative to the module's directory (the tests' working
 * directory).
 */
final class MonitoringFiles {

	static final Path PROMETHEUS_RULES = Path.of("prometheus", "threadleaks-rules.yml");

	static final Path PROMETHEUS_RULE_TESTS = Path.of("prometheus", "threadleaks-rules.test.yml");

	static final Path DASHBOARD = Path.of("grafana", "threadleaks-dashboard.json");

	static final Path GRAFANA_ALERT_RULES = Path.of("grafana", "alerting", "threadleaks-alert-rules.yml");

	private MonitoringFiles() {
	}

}
