/**
 * Tests of the monitoring files: the Prometheus rules under promtool, and the dashboard
 * and both rule files against a real Prometheus scraping the sample app.
 */
@NullMarked
package io.github.threadleaks.monitoring;

import org.jspecify.annotations.NullMarked;
