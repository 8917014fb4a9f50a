package io.github.threadleaks.monitoring;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of the dashboard and the Grafana alert rules: what Grafana needs to import
 * and provision them, and that the Grafana alerts are the Prometheus alerts. What their
 * queries return is the end-to-end test's business.
 */
class MonitoringFilesTests {

	private static final String DATASOURCE = "${datasource}";

	@Test
	void dashboardTakesItsDatasourceAndFiltersFromVariables() throws IOException {
		JsonNode dashboard = dashboard();
		assertThat(dashboard.path("uid").asString()).isEqualTo("threadleaks");
		Map<String, JsonNode> variables = new LinkedHashMap<>();
		dashboard.path("templating")
			.path("list")
			.forEach((variable) -> variables.put(variable.path("name").asString(), variable));
		assertThat(variables).containsOnlyKeys("datasource", "application", "instance");
		assertThat(variables.get("datasource").path("type").asString()).isEqualTo("datasource");
		assertThat(variables.get("datasource").path("query").asString()).isEqualTo("prometheus");
		for (String name : List.of("application", "instance")) {
			assertThat(variables.get(name).path("datasource").path("uid").asString()).isEqualTo(DATASOURCE);
			// All must match series without the label too: an application that sets no
			// application tag.
			assertThat(variables.get(name).path("allValue").asString()).isEqualTo(".*");
		}
		List<Integer> ids = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			ids.add(panel.path("id").asInt());
			if (panel.path("type").asString().equals("row")) {
				// A row only heads the panels below it: no query of its own.
				assertThat(panel.path("targets").isMissingNode()).as(panel.path("title").asString()).isTrue();
				continue;
			}
			assertThat(panel.path("datasource").path("uid").asString()).as(panel.path("title").asString())
				.isEqualTo(DATASOURCE);
			assertThat(panel.path("targets").values()).as(panel.path("title").asString())
				.isNotEmpty()
				.allSatisfy((target) -> {
					assertThat(target.path("datasource").path("uid").asString()).isEqualTo(DATASOURCE);
					assertThat(target.path("expr").asString()).contains("application=~\"$application\"")
						.contains("instance=~\"$instance\"");
				});
		}
		assertThat(ids).doesNotHaveDuplicates();
	}

	@Test
	void dashboardHasTheAlertStatTheTrendsAndTheSuspectsTableWithLinks() throws IOException {
		JsonNode dashboard = dashboard();
		JsonNode suspected = panel(dashboard, "Suspected stack groups");
		assertThat(suspected.path("type").asString()).isEqualTo("stat");
		assertThat(suspected.path("targets").get(0).path("expr").asString())
			.startsWith("sum(threadleaks_suspected_groups{");
		JsonNode steps = suspected.path("fieldConfig").path("defaults").path("thresholds").path("steps");
		assertThat(steps.get(steps.size() - 1).path("color").asString()).isEqualTo("red");
		assertThat(steps.get(steps.size() - 1).path("value").asInt()).isEqualTo(1);

		assertThat(panel(dashboard, "Live threads vs threads in suspected groups").path("type").asString())
			.isEqualTo("timeseries");
		assertThat(
				panel(dashboard, "Top stack groups by threads").path("targets").get(0).path("legendFormat").asString())
			.contains("{{name}}", "{{state}}", "{{group}}");
		assertThat(panel(dashboard, "Sampler cost per sample").path("fieldConfig")
			.path("defaults")
			.path("unit")
			.asString()).isEqualTo("s");

		JsonNode table = panel(dashboard, "Suspects: stack groups suspected of leaking");
		assertThat(table.path("type").asString()).isEqualTo("table");
		assertThat(table.path("targets").values()).allSatisfy((target) -> {
			assertThat(target.path("instant").asBoolean()).isTrue();
			assertThat(target.path("format").asString()).isEqualTo("table");
			// Only the groups the app marks suspected, never every group that happened to
			// grow.
			assertThat(target.path("expr").asString()).endsWith("and on (job, instance, group) "
					+ "threadleaks_group_suspected{application=~\"$application\", instance=~\"$instance\"}");
		});
		assertThat(table.findValues("url")).map(JsonNode::asString)
			.containsExactly("http://${__data.fields.instance}/actuator/threadleaks/${__value.raw}");
	}

	@Test
	void dashboardHasAFleetRowWithGroupsByInstancesTheirThreadsAcrossInstancesAndLinksToEachInstance()
			throws IOException {
		JsonNode dashboard = dashboard();
		List<String> titles = new ArrayList<>();
		dashboard.path("panels").forEach((panel) -> titles.add(panel.path("title").asString()));
		JsonNode row = panel(dashboard, "Fleet: the same leak on several instances");
		assertThat(row.path("type").asString()).isEqualTo("row");
		assertThat(titles.subList(titles.indexOf(row.path("title").asString()) + 1, titles.size())).containsExactly(
				"Fleet: stack groups by instances suspected",
				"Fleet: threads of suspected groups, summed across instances", "Fleet: where each group is suspected");

		JsonNode byInstances = panel(dashboard, "Fleet: stack groups by instances suspected");
		assertThat(byInstances.path("targets").get(0).path("expr").asString())
			.contains("count by (application, group, name, state) (threadleaks_group_suspected{");
		// Red from the fleet alert's threshold on.
		JsonNode steps = byInstances.path("fieldConfig").path("defaults").path("thresholds").path("steps");
		assertThat(steps.get(steps.size() - 1).path("color").asString()).isEqualTo("red");
		assertThat(steps.get(steps.size() - 1).path("value").asInt()).isEqualTo(fleetThreshold());

		assertThat(panel(dashboard, "Fleet: threads of suspected groups, summed across instances").path("targets")
			.get(0)
			.path("expr")
			.asString()).startsWith("sum by (application, group, name, state) (threadleaks_group_threads{");

		JsonNode table = panel(dashboard, "Fleet: where each group is suspected");
		assertThat(table.path("targets").values()).allSatisfy((target) -> {
			assertThat(target.path("instant").asBoolean()).isTrue();
			assertThat(target.path("format").asString()).isEqualTo("table");
		});
		assertThat(table.findValues("url")).map(JsonNode::asString)
			.containsExactly("http://${__data.fields.instance}/actuator/threadleaks/${__value.raw}");
		assertThat(table.path("options").path("sortBy").get(0).path("displayName").asString())
			.isEqualTo("instances suspected");
	}

	@Test
	void fleetAlertHasOneThresholdInBothRuleFiles() throws IOException {
		String prometheus = prometheusAlert("ThreadLeakFleetWide").get("expr").toString();
		assertThat(prometheus).isEqualTo("application_group:threadleaks_group_suspected:count >= " + fleetThreshold());
		String grafana = MonitoringExpressions.grafanaAlertRules(MonitoringFiles.GRAFANA_ALERT_RULES)
			.stream()
			.filter((expression) -> expression.where().contains("ThreadLeakFleetWide"))
			.map(PromQlExpression::promql)
			.findFirst()
			.orElseThrow();
		assertThat(grafana).isEqualTo(
				"count by (application, group, name, state) (threadleaks_group_suspected) >= " + fleetThreshold());
	}

	@Test
	@SuppressWarnings("unchecked")
	void grafanaAlertRulesAreThePrometheusAlerts() throws IOException {
		Map<String, Object> grafana = MonitoringExpressions.yaml(MonitoringFiles.GRAFANA_ALERT_RULES);
		assertThat(grafana.get("apiVersion")).isEqualTo(1);
		Map<String, Map<String, Object>> prometheusAlerts = new LinkedHashMap<>();
		for (Map<String, Object> rule : MonitoringExpressions
			.rules(MonitoringExpressions.yaml(MonitoringFiles.PROMETHEUS_RULES))) {
			if (rule.containsKey("alert")) {
				prometheusAlerts.put((String) rule.get("alert"), rule);
			}
		}
		JsonNode dashboard = dashboard();
		List<String> titles = new ArrayList<>();
		for (Map<String, Object> rule : MonitoringExpressions.rules(grafana)) {
			String title = (String) rule.get("title");
			titles.add(title);
			Map<String, Object> prometheus = prometheusAlerts.get(title);
			assertThat(prometheus).as("Prometheus alert " + title).isNotNull();
			assertThat(rule.get("for")).as(title).isEqualTo(prometheus.get("for"));
			assertThat(rule.get("labels")).as(title).isEqualTo(prometheus.get("labels"));
			List<Map<String, Object>> data = (List<Map<String, Object>>) rule.get("data");
			assertThat(data).extracting((query) -> query.get("refId")).contains(rule.get("condition"));
			assertThat(data).filteredOn((query) -> !"__expr__".equals(query.get("datasourceUid")))
				.isNotEmpty()
				.allSatisfy(
						(query) -> assertThat(query.get("datasourceUid")).isEqualTo("${PROMETHEUS_DATASOURCE_UID}"));
			Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
			assertThat(annotations.get("__dashboardUid__")).isEqualTo(dashboard.path("uid").asString());
			assertThat(dashboard.path("panels").findValues("id")).map(JsonNode::asString)
				.contains((String) annotations.get("__panelId__"));
		}
		assertThat(titles).containsExactlyElementsOf(prometheusAlerts.keySet());
	}

	/**
	 * The least number of instances {@code ThreadLeakFleetWide} fires for: the number its
	 * expression ends with.
	 */
	private static int fleetThreshold() throws IOException {
		String expr = prometheusAlert("ThreadLeakFleetWide").get("expr").toString().trim();
		return Integer.parseInt(expr.substring(expr.lastIndexOf(' ') + 1));
	}

	private static Map<String, Object> prometheusAlert(String name) throws IOException {
		return MonitoringExpressions.rules(MonitoringExpressions.yaml(MonitoringFiles.PROMETHEUS_RULES))
			.stream()
			.filter((rule) -> name.equals(rule.get("alert")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No alert " + name + " in " + MonitoringFiles.PROMETHEUS_RULES));
	}

	private static JsonNode dashboard() throws IOException {
		return JsonMapper.builder().build().readTree(MonitoringFiles.DASHBOARD.toFile());
	}

	private static JsonNode panel(JsonNode dashboard, String title) {
		for (JsonNode panel : dashboard.path("panels")) {
			if (panel.path("title").asString().equals(title)) {
				return panel;
			}
		}
		throw new AssertionError("No panel '" + title + "'");
	}

}
