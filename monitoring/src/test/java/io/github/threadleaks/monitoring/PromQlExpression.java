package io.github.threadleaks.monitoring;

/**
 * A PromQL expression found in one of the monitoring files, with where it was found.
 *
 * @param where the file and the panel, variable or rule that holds it
 * @param promql the expression, template variables already substituted
 */
record PromQlExpression(String where, String promql) {

	@Override
	public String toString() {
		return this.where + ": " + this.promql;
	}

}
