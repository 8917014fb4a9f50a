package io.github.threadleaks.core;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A report as the {@code threadleaks} actuator endpoint's JSON
 * ({@code GET /actuator/threadleaks}), written without a JSON library: the same members
 * in the same order, times as ISO-8601 text, absent values left out (never {@code null}),
 * and every control character of a string escaped. For what reads a report outside Spring
 * (the command line); a test holds it equal to the endpoint's.
 *
 * @since 0.1.0
 */
public final class ThreadLeakReportJson {

	private final StringBuilder json = new StringBuilder(4096);

	private boolean first;

	private ThreadLeakReportJson() {
	}

	/**
	 * The report as one line of JSON.
	 * @param report the report
	 * @return the endpoint's document
	 */
	public static String of(ThreadLeakReport report) {
		ThreadLeakReportJson writer = new ThreadLeakReportJson();
		writer.report(report);
		return writer.json.toString();
	}

	private void report(ThreadLeakReport report) {
		begin();
		field("status", report.status().name());
		field("threads", report.threads());
		field("samples", report.samples());
		Instant takenAt = report.takenAt();
		field("takenAt", (takenAt != null) ? takenAt.toString() : null);
		field("sampleMillis", report.sampleMillis());
		field("stacksWalked", report.stacksWalked());
		field("trackedGroups", report.trackedGroups());
		field("untrackedThreads", report.untrackedThreads());
		name("deadlockedThreads");
		this.json.append('[');
		List<Long> deadlocked = report.deadlockedThreads();
		for (int i = 0; i < deadlocked.size(); i++) {
			this.json.append((i > 0) ? "," : "").append(deadlocked.get(i));
		}
		this.json.append(']');
		groups("suspects", report.suspects());
		groups("groups", report.groups());
		SampleFailure lastError = report.lastError();
		if (lastError != null) {
			name("lastError");
			failure(lastError);
		}
		name("creationSiteTracking");
		tracking(report.creationSiteTracking());
		VirtualThreadsReport virtualThreads = report.virtualThreads();
		if (virtualThreads != null) {
			name("virtualThreads");
			virtualThreads(virtualThreads);
		}
		field("stacksDeferred", report.stacksDeferred());
		end();
	}

	private void groups(String name, List<StackGroupReport> groups) {
		name(name);
		this.json.append('[');
		for (int i = 0; i < groups.size(); i++) {
			this.json.append((i > 0) ? "," : "");
			group(groups.get(i));
		}
		this.json.append(']');
	}

	private void group(StackGroupReport group) {
		begin();
		field("id", group.id());
		field("name", group.name());
		field("state", group.state().name());
		field("count", group.count());
		field("growth", group.growth());
		field("suspected", group.suspected());
		strings("frames", group.frames());
		field("blockedAt", group.blockedAt());
		name("history");
		this.json.append('[');
		for (int i = 0; i < group.history().size(); i++) {
			this.json.append((i > 0) ? "," : "").append(group.history().get(i));
		}
		this.json.append(']');
		field("stuck", group.stuck());
		field("stuckForMillis", group.stuckForMillis());
		field("deadlocked", group.deadlocked());
		LockReport lock = group.lock();
		if (lock != null) {
			name("lock");
			begin();
			field("name", lock.name());
			field("ownerId", lock.ownerId());
			field("ownerName", lock.ownerName());
			field("ownerAlive", lock.ownerAlive());
			end();
		}
		Evidence evidence = group.evidence();
		if (evidence != null) {
			name("evidence");
			evidence(evidence);
		}
		field("suspectedForMillis", group.suspectedForMillis());
		field("explanation", group.explanation());
		name("creationSites");
		this.json.append('[');
		List<CreationSite> sites = group.creationSites();
		for (int i = 0; i < sites.size(); i++) {
			this.json.append((i > 0) ? "," : "");
			begin();
			field("site", sites.get(i).site());
			strings("frames", sites.get(i).frames());
			field("threads", sites.get(i).threads());
			end();
		}
		this.json.append(']');
		field("virtual", group.virtual());
		field("container", group.container());
		end();
	}

	private void evidence(Evidence evidence) {
		begin();
		field("pointMillis", evidence.pointMillis());
		field("points", evidence.points());
		field("from", evidence.from());
		field("to", evidence.to());
		field("growth", evidence.growth());
		field("minGrowth", evidence.minGrowth());
		field("rises", evidence.rises());
		field("requiredRises", evidence.requiredRises());
		field("stuckShare", evidence.stuckShare());
		field("minStuckShare", evidence.minStuckShare());
		field("minStillSamples", evidence.minStillSamples());
		field("judged", evidence.judged());
		field("waking", evidence.waking());
		field("samples", evidence.samples());
		end();
	}

	private void failure(SampleFailure failure) {
		begin();
		field("type", failure.type());
		field("message", failure.message());
		field("failedAt", failure.failedAt().toString());
		field("consecutiveFailures", failure.consecutiveFailures());
		end();
	}

	private void tracking(CreationSiteTracking tracking) {
		begin();
		field("state", tracking.state().name());
		field("reason", tracking.reason());
		field("trackedThreads", tracking.trackedThreads());
		field("threadStarts", tracking.threadStarts());
		field("forgottenThreads", tracking.forgottenThreads());
		field("handlingNanos", tracking.handlingNanos());
		end();
	}

	private void virtualThreads(VirtualThreadsReport report) {
		begin();
		field("status", report.status().name());
		VirtualThreadsReport.Source source = report.source();
		field("source", (source != null) ? source.name() : null);
		field("reason", report.reason());
		field("intervalMillis", report.intervalMillis());
		field("maxSampleMillis", report.maxSampleMillis());
		field("lastSampleMillis", report.lastSampleMillis());
		field("threads", report.threads());
		field("samples", report.samples());
		field("backedOff", report.backedOff());
		SampleFailure lastError = report.lastError();
		if (lastError != null) {
			name("lastError");
			failure(lastError);
		}
		end();
	}

	private void strings(String name, List<String> values) {
		name(name);
		this.json.append('[');
		for (int i = 0; i < values.size(); i++) {
			this.json.append((i > 0) ? "," : "");
			string(values.get(i));
		}
		this.json.append(']');
	}

	private void field(String name, @Nullable String value) {
		if (value != null) {
			name(name);
			string(value);
		}
	}

	private void field(String name, long value) {
		name(name);
		this.json.append(value);
	}

	private void field(String name, double value) {
		name(name);
		this.json.append(value);
	}

	private void field(String name, boolean value) {
		name(name);
		this.json.append(value);
	}

	private void begin() {
		this.json.append('{');
		this.first = true;
	}

	private void end() {
		this.json.append('}');
		this.first = false;
	}

	private void name(String name) {
		if (!this.first) {
			this.json.append(',');
		}
		this.first = false;
		string(name);
		this.json.append(':');
	}

	private void string(String text) {
		this.json.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"' || c == '\\') {
				this.json.append('\\').append(c);
			}
			else if (c == '\n') {
				this.json.append("\\n");
			}
			else if (c == '\t') {
				this.json.append("\\t");
			}
			else if (Character.isISOControl(c)) {
				this.json.append(String.format("\\u%04x", (int) c));
			}
			else {
				this.json.append(c);
			}
		}
		this.json.append('"');
	}

}
