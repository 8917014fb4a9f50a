package io.github.threadleaks.cli;

import java.util.List;
import java.util.Locale;

import io.github.threadleaks.core.PrintableText;
import io.github.threadleaks.core.StackGroupReport;
import io.github.threadleaks.core.ThreadLeakReport;
import io.github.threadleaks.core.internal.Plurals;

/**
 * The report as one self-contained HTML page: no script or style from the network, each
 * group's count over time as an inline SVG chart, suspects first and marked, the frames
 * of a group shown on click.
 */
final class HtmlReport {

	private static final int CHART_WIDTH = 240;

	private static final int CHART_HEIGHT = 48;

	private static final String STYLE = """
			body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}
			h1{font-size:20px;margin:0 0 4px} .summary{color:#555;margin-bottom:16px}
			.group{border:1px solid #ddd;border-radius:6px;margin:10px 0;padding:10px 12px;display:flex;gap:16px}
			.group.suspected{border-color:#c62828;background:#fff5f5}
			.info{flex:1;min-width:0} .name{font-weight:600;font-size:15px}
			.badge{display:inline-block;background:#c62828;color:#fff;border-radius:4px;padding:1px 6px;font-size:12px;
			margin-right:6px}
			.state{color:#555;font-size:13px} .why{font-size:13px;margin:4px 0}
			.at{font-family:monospace;font-size:12px;color:#333;word-break:break-all}
			summary{cursor:pointer;font-size:13px;color:#1565c0;margin-top:4px}
			pre{font-size:12px;background:#f6f6f6;padding:8px;overflow-x:auto;margin:4px 0}
			svg{flex:none} .count{font-size:12px;fill:#555}
			""";

	private HtmlReport() {
	}

	static String of(ThreadLeakReport report, String source) {
		StringBuilder html = new StringBuilder(8192);
		html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
			.append("<title>threadleaks: ")
			.append(report.status())
			.append("</title><style>")
			.append(STYLE)
			.append("</style></head><body>\n");
		html.append("<h1>threadleaks: ")
			.append(report.status())
			.append("</h1>\n<div class=\"summary\">")
			.append(report.suspects().size())
			.append(" of ")
			.append(report.groups().size())
			.append(" stack groups suspected (")
			.append(report.suspectedThreads())
			.append(" threads); ")
			.append(escape(source))
			.append(", ")
			.append(report.threads())
			.append(" threads in the last</div>\n");
		for (StackGroupReport group : report.groups()) {
			group(html, group);
		}
		return html.append("</body></html>\n").toString();
	}

	private static void group(StringBuilder html, StackGroupReport group) {
		html.append("<div class=\"group")
			.append(group.suspected() ? " suspected" : "")
			.append("\" id=\"g-")
			.append(group.id())
			.append("\">");
		chart(html, group.history(), group.suspected());
		html.append("<div class=\"info\"><div class=\"name\">")
			.append(group.suspected() ? "<span class=\"badge\">SUSPECTED</span>" : "")
			.append(Plurals.count(group.count(), "thread"))
			.append(' ')
			.append('"')
			.append(escape(group.name()))
			.append("\" <span class=\"state\">")
			.append(group.state())
			.append(" · group ")
			.append(group.id())
			.append("</span></div>");
		if (group.suspected()) {
			html.append("<div class=\"at\">blocked at ").append(escape(group.blockedAt())).append("</div>");
			if (!group.createdBy().isEmpty()) {
				html.append("<div class=\"at\">created by ").append(escape(group.createdBy())).append("</div>");
			}
		}
		html.append("<div class=\"why\">").append(escape(group.explanation())).append("</div>");
		html.append("<details><summary>").append(group.frames().size()).append(" frames</summary><pre>");
		for (String frame : group.frames()) {
			html.append(escape(frame)).append('\n');
		}
		html.append("</pre></details></div></div>\n");
	}

	/**
	 * The count at each sample as a line, the first and last counts written beside it.
	 */
	private static void chart(StringBuilder html, List<Integer> history, boolean suspected) {
		int max = Math.max(1, history.stream().mapToInt(Integer::intValue).max().orElse(1));
		int points = history.size();
		html.append("<svg width=\"")
			.append(CHART_WIDTH)
			.append("\" height=\"")
			.append(CHART_HEIGHT + 14)
			.append("\" role=\"img\" aria-label=\"count over time\">")
			.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"")
			.append(suspected ? "#c62828" : "#1565c0")
			.append("\" points=\"");
		for (int i = 0; i < points; i++) {
			double x = (points == 1) ? CHART_WIDTH / 2.0 : 2 + i * (CHART_WIDTH - 4.0) / (points - 1);
			double y = 2 + (CHART_HEIGHT - 4.0) * (1 - history.get(i) / (double) max);
			html.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
		}
		html.append("\"/>");
		if (points > 0) {
			html.append("<text class=\"count\" x=\"2\" y=\"")
				.append(CHART_HEIGHT + 12)
				.append("\">")
				.append(history.get(0))
				.append("</text><text class=\"count\" x=\"")
				.append(CHART_WIDTH - 2)
				.append("\" y=\"")
				.append(CHART_HEIGHT + 12)
				.append("\" text-anchor=\"end\">")
				.append(history.get(points - 1))
				.append("</text>");
		}
		html.append("</svg>");
	}

	/** The text as HTML, its control characters shown escaped, never raw. */
	private static String escape(String shown) {
		String text = PrintableText.of(shown);
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '&' -> escaped.append("&amp;");
				case '"' -> escaped.append("&quot;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

}
