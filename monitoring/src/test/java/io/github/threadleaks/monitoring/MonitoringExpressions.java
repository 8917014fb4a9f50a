package io.github.threadleaks.monitoring;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads every PromQL expression out of the dashboard and the two rule files, as Grafana
 * and Prometheus would run them: the dashboard's template variables substituted, and a
 * {@code label_values(selector, label)} variable query turned into the
 * {@code group by (label) (selector)} query Grafana sends for it.
 */
final class MonitoringExpressions {

	private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\)");

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");

	private MonitoringExpressions() {
	}

	/**
	 * The dashboard's panel targets and variable queries, with the given values for its
	 * template variables.
	 */
	static List<PromQlExpression> dashboard(Path file, Map<String, String> variables) throws IOException {
		JsonNode dashboard = JsonMapper.builder().build().readTree(file.toFile());
		List<PromQlExpression> expressions = new ArrayList<>();
		for (JsonNode variable : dashboard.path("templating").path("list")) {
			if (variable.path("type").asString().equals("query")) {
				Matcher labelValues = LABEL_VALUES.matcher(variable.path("query").path("query").asString());
				if (!labelValues.matches()) {
					throw new IllegalArgumentException("Unexpected variable query in " + file + ": " + variable);
				}
				String promql = "group by (" + labelValues.group(2) + ") (" + labelValues.group(1) + ")";
				expressions.add(new PromQlExpression(file + " variable " + variable.path("name").asString(),
						substitute(promql, variables)));
			}
		}
		for (JsonNode panel : dashboard.path("panels")) {
			for (JsonNode target : panel.path("targets")) {
				expressions.add(new PromQlExpression(
						file + " panel '" + panel.path("title").asString() + "' " + target.path("refId").asString(),
						substitute(target.path("expr").asString(), variables)));
			}
		}
		return expressions;
	}

	/** The {@code expr} of every rule in a Prometheus rule file. */
	static List<PromQlExpression> prometheusRules(Path file) throws IOException {
		List<PromQlExpression> expressions = new ArrayList<>();
		for (Map<String, Object> rule : rules(yaml(file))) {
			Object name = rule.containsKey("alert") ? rule.get("alert") : rule.get("record");
			expressions.add(new PromQlExpression(file + " rule " + name, (String) rule.get("expr")));
		}
		return expressions;
	}

	/**
	 * The {@code expr} of every Prometheus query in a Grafana alert rule provisioning
	 * file.
	 */
	@SuppressWarnings("unchecked")
	static List<PromQlExpression> grafanaAlertRules(Path file) throws IOException {
		List<PromQlExpression> expressions = new ArrayList<>();
		for (Map<String, Object> rule : rules(yaml(file))) {
			for (Map<String, Object> query : (List<Map<String, Object>>) rule.get("data")) {
				Map<String, Object> model = (Map<String, Object>) query.get("model");
				if (model.containsKey("expr")) {
					expressions
						.add(new PromQlExpression(file + " rule " + rule.get("title") + " query " + query.get("refId"),
								(String) model.get("expr")));
				}
			}
		}
		return expressions;
	}

	/**
	 * Every expression of the dashboard, the Prometheus rules and the Grafana alert
	 * rules.
	 * @param variables the values of the dashboard's template variables
	 * @return the expressions, in file order
	 */
	static List<PromQlExpression> all(Map<String, String> variables) throws IOException {
		List<PromQlExpression> expressions = new ArrayList<>();
		expressions.addAll(dashboard(MonitoringFiles.DASHBOARD, variables));
		expressions.addAll(prometheusRules(MonitoringFiles.PROMETHEUS_RULES));
		expressions.addAll(grafanaAlertRules(MonitoringFiles.GRAFANA_ALERT_RULES));
		return expressions;
	}

	/**
	 * The shipped Prometheus rules with only the {@code for} of one alert changed: the
	 * shipped one is minutes long, which promtool proves exactly, while a test against a
	 * real Prometheus only needs the transitions.
	 * @param alert the alert's name
	 * @param duration its new {@code for}
	 * @return the text of the rule file
	 */
	static String prometheusRulesWithFor(String alert, String duration) throws IOException {
		Map<String, Object> rules = yaml(MonitoringFiles.PROMETHEUS_RULES);
		int changed = 0;
		for (Map<String, Object> rule : rules(rules)) {
			if (alert.equals(rule.get("alert"))) {
				rule.put("for", duration);
				changed++;
			}
		}
		if (changed != 1) {
			throw new IllegalArgumentException(
					changed + " alerts named " + alert + " in " + MonitoringFiles.PROMETHEUS_RULES + ", not one");
		}
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		StringWriter text = new StringWriter();
		new Yaml(options).dump(rules, text);
		return text.toString();
	}

	/**
	 * The rules of every group of a rule file, Prometheus's or Grafana's: the maps
	 * themselves, to read or change.
	 */
	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> rules(Map<String, Object> ruleFile) {
		List<Map<String, Object>> rules = new ArrayList<>();
		for (Map<String, Object> group : (List<Map<String, Object>>) ruleFile.get("groups")) {
			rules.addAll((List<Map<String, Object>>) group.get("rules"));
		}
		return rules;
	}

	static Map<String, Object> yaml(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file)) {
			return new Yaml().load(reader);
		}
	}

	/**
	 * Replaces {@code $name} and {@code ${name}}; a variable without a value is an error,
	 * not a silent gap.
	 */
	static String substitute(String promql, Map<String, String> variables) {
		Matcher matcher = VARIABLE.matcher(promql);
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			String value = variables.get(matcher.group(1));
			if (value == null) {
				throw new IllegalArgumentException(
						"No value for $" + matcher.group(1) + " in " + promql + "; known: " + variables.keySet());
			}
			matcher.appendReplacement(result, Matcher.quoteReplacement(value));
		}
		return matcher.appendTail(result).toString();
	}

}
