package io.github.threadleaks.autoconfigure.reachability;

import io.github.threadleaks.autoconfigure.endpoint.ThreadLeaksEndpoint;
import io.github.threadleaks.core.GroupDetail;
import io.github.threadleaks.core.LatestReport;
import io.github.threadleaks.reachability.AnalysisInProgressException;
import io.github.threadleaks.reachability.AnalysisLimitException;
import io.github.threadleaks.reachability.ReachabilityAnalyzer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * Adds {@code GET /actuator/threadleaks/{id}/reachability} to the threadleaks endpoint
 * over HTTP: whether anything could ever wake the group's threads, from a heap dump taken
 * for the request. Answers 404 for an unknown group or another last segment, 429 while
 * another analysis runs, as Boot's heapdump endpoint does while it dumps, and 503 with a
 * message when the child JVM reading the dump ran out of its heap or time. A failed
 * analysis (a full disk, say) is logged at WARN and answered 500.
 *
 * @since 0.1.0
 */
@EndpointWebExtension(endpoint = ThreadLeaksEndpoint.class)
public class ThreadLeaksReachabilityWebExtension {

	private static final Log logger = LogFactory.getLog(ThreadLeaksReachabilityWebExtension.class);

	/** The last segment of the path. */
	static final String REACHABILITY = "reachability";

	private final LatestReport reports;

	private final ReachabilityAnalyzer analyzer;

	public ThreadLeaksReachabilityWebExtension(LatestReport reports, ReachabilityAnalyzer analyzer) {
		this.reports = reports;
		this.analyzer = analyzer;
	}

	/**
	 * The verdict on one group of the latest sample.
	 * @param id the group's id
	 * @param detail the last path segment, {@code reachability}
	 * @return the verdict, or 404 or 429
	 */
	@ReadOperation
	public WebEndpointResponse<OperationResponseBody> reachability(@Selector String id, @Selector String detail) {
		// Boot's selectors are variables: the literal segment is checked here.
		GroupDetail group = REACHABILITY.equals(detail) ? this.reports.group(id).orElse(null) : null;
		if (group == null) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		try {
			return new WebEndpointResponse<>(ReachabilityDescriptor.of(this.analyzer.analyze(group)));
		}
		catch (AnalysisInProgressException ex) {
			return new WebEndpointResponse<>(new ReachabilityRefusal(ex.getMessage()),
					WebEndpointResponse.STATUS_TOO_MANY_REQUESTS);
		}
		catch (AnalysisLimitException ex) {
			logger.warn("Reachability analysis of thread group " + id + " refused: " + ex.getMessage());
			String property = (ex.limit() == AnalysisLimitException.Limit.HEAP) ? "max-heap" : "timeout";
			return new WebEndpointResponse<>(new ReachabilityRefusal(
					ex.getMessage() + "; the application is unaffected. Raise threadleaks.reachability.analysis."
							+ property + " to allow more."),
					WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE);
		}
		catch (RuntimeException ex) {
			// Requests are rare and asked for by a person: each failure is worth its own
			// line.
			logger.warn("Reachability analysis of thread group " + id + " failed: " + ex.getMessage(), ex);
			throw ex;
		}
	}

}
