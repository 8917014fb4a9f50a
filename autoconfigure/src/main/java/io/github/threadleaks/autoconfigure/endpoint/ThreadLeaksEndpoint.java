package io.github.threadleaks.autoconfigure.endpoint;

import io.github.threadleaks.core.TextReport;
import io.github.threadleaks.core.ThreadLeakReport;
import io.github.threadleaks.core.virtual.PlatformAndVirtualMonitors;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@link Endpoint @Endpoint} that shows the latest thread leak report, and one stack
 * group with its member threads. Reads what the sampler found last and never waits for a
 * sample. Its write operation takes a sample at once; it is off unless
 * {@code management.endpoint.threadleaks.access} (or the default access) grants
 * {@code unrestricted} access. Over HTTP, both reads answer a text report for people at a
 * terminal when asked for {@code text/plain}, as the {@code threaddump} endpoint does;
 * JSON is the default.
 *
 * @since 0.1.0
 */
@Endpoint(id = "threadleaks", defaultAccess = Access.READ_ONLY)
public class ThreadLeaksEndpoint {

	/** The media type of the text forms. */
	static final String TEXT = "text/plain;charset=UTF-8";

	private final PlatformAndVirtualMonitors reports;

	public ThreadLeaksEndpoint(PlatformAndVirtualMonitors reports) {
		this.reports = reports;
	}

	/**
	 * The latest report as text: suspects first, with their verdict in words, creation
	 * site and frames, then the other groups.
	 * @return the report as text
	 */
	@ReadOperation(produces = TEXT)
	public String textReport() {
		ThreadLeakReport report = this.reports.report();
		return TextReport.of(report, report.samples() + " samples");
	}

	/**
	 * One group as text, with every frame and its members.
	 * @param id the group's id
	 * @return the group as text, or {@code null} (404) for an unknown id
	 */
	@ReadOperation(produces = TEXT)
	public @Nullable String textGroup(@Selector String id) {
		return this.reports.group(id).map(TextReport::of).orElse(null);
	}

	@ReadOperation
	public ThreadLeaksDescriptor report() {
		return ThreadLeaksDescriptor.of(this.reports.report());
	}

	/**
	 * Takes a sample now, besides the sampler's own, and answers the report it gives: for
	 * deploy checks and scripts that cannot wait for the next interval. The sample counts
	 * in the history like any other.
	 * @return the report as of this sample
	 */
	@WriteOperation
	public ThreadLeaksDescriptor sample() {
		return ThreadLeaksDescriptor.of(this.reports.sample());
	}

	@ReadOperation
	public @Nullable StackGroupDetailDescriptor group(@Selector String id) {
		return this.reports.group(id).map(StackGroupDetailDescriptor::of).orElse(null);
	}

}
