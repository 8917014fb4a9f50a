package io.github.threadleaks.autoconfigure.info;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import io.github.threadleaks.core.LatestReport;
import io.github.threadleaks.core.ThreadLeakReport;
import io.github.threadleaks.core.ThreadLeaksSettings;
import io.github.threadleaks.core.VirtualThreadsReport;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * {@link InfoContributor} that adds a {@code threadleaks} entry to
 * {@code /actuator/info}: the library's version, the status of the latest report and a
 * summary of the settings in force.
 *
 * @since 0.1.0
 */
public class ThreadLeaksInfoContributor implements InfoContributor {

	private static final String VERSION_RESOURCE = "threadleaks-version.properties";

	private final LatestReport reports;

	private final ThreadLeaksSettings settings;

	private final String version;

	/**
	 * A contributor for the given reports and the settings of their monitor.
	 * @param reports the reports whose latest gives the status
	 * @param settings the settings the monitor runs with
	 */
	public ThreadLeaksInfoContributor(LatestReport reports, ThreadLeaksSettings settings) {
		this.reports = reports;
		this.settings = settings;
		this.version = version();
	}

	@Override
	public void contribute(Info.Builder builder) {
		ThreadLeakReport report = this.reports.report();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("version", this.version);
		details.put("status", report.status().name());
		details.put("samples", report.samples());
		details.put("settings", settings(report));
		builder.withDetail("threadleaks", details);
	}

	private Map<String, Object> settings(ThreadLeakReport report) {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("sampleInterval", this.settings.sampleInterval().toString());
		summary.put("window", this.settings.window());
		summary.put("minGrowth", this.settings.minGrowth());
		summary.put("horizons", this.settings.horizons());
		summary.put("stackDepth", this.settings.stackDepth());
		summary.put("maxGroups", this.settings.maxGroups());
		summary.put("creationSites", report.creationSiteTracking().state().name());
		VirtualThreadsReport virtualThreads = report.virtualThreads();
		summary.put("virtualThreads", (virtualThreads != null) ? virtualThreads.status().name()
				: VirtualThreadsReport.Status.DISABLED.name());
		return summary;
	}

	/** The version this jar was built as, from a resource the build writes. */
	static String version() {
		try (InputStream stream = ThreadLeaksInfoContributor.class.getResourceAsStream(VERSION_RESOURCE)) {
			if (stream == null) {
				throw new IllegalStateException("Missing " + VERSION_RESOURCE + " beside "
						+ ThreadLeaksInfoContributor.class.getName() + ": the jar was not built by its pom");
			}
			Properties properties = new Properties();
			properties.load(stream);
			return properties.getProperty("version", "unknown");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + VERSION_RESOURCE, ex);
		}
	}

}
