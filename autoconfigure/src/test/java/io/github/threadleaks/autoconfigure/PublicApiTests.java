package io.github.threadleaks.autoconfigure;

import java.util.Map;
import java.util.Set;

import io.github.threadleaks.core.PublicApi;
import org.junit.jupiter.api.Test;

/**
 * The public types of each of this module's packages, listed by hand: adding or removing
 * one fails here, so a change to the API is a decision.
 */
class PublicApiTests {

	/**
	 * The auto-configuration, its properties, and the endpoint, health, info, metrics and
	 * reachability beans users may replace or read.
	 */
	private static final Map<String, Set<String>> PUBLIC_TYPES = Map.of(
			"io.github.threadleaks.autoconfigure", Set.of("CreationSiteProperties", "IgnoreProperties",
					"ThreadLeakLogger", "ThreadLeaksAutoConfiguration", "ThreadLeaksCreationSites",
					"ThreadLeaksLifecycle", "ThreadLeaksProperties", "ThreadLeaksProperties.Metrics",
					"ThreadLeaksSampler", "VirtualThreadSampler", "VirtualThreadsProperties"),
			"io.github.threadleaks.autoconfigure.endpoint",
			Set.of("MemberThreadDescriptor", "SampleFailureDescriptor", "StackGroupDescriptor",
					"StackGroupDetailDescriptor", "ThreadLeaksDescriptor", "ThreadLeaksEndpoint",
					"ThreadLeaksEndpointAutoConfiguration"),
			"io.github.threadleaks.autoconfigure.health",
			Set.of("ThreadLeaksHealthContributorAutoConfiguration", "ThreadLeaksHealthIndicator"),
			"io.github.threadleaks.autoconfigure.info",
			Set.of("ThreadLeaksInfoContributor", "ThreadLeaksInfoContributorAutoConfiguration"),
			"io.github.threadleaks.autoconfigure.metrics",
			Set.of("CreationSiteMetrics", "ThreadLeaksMetrics", "ThreadLeaksMetricsAutoConfiguration"),
			"io.github.threadleaks.autoconfigure.reachability",
			Set.of("ReachabilityDescriptor", "ReachabilityRefusal", "ThreadLeaksReachabilityAutoConfiguration",
					"ThreadLeaksReachabilityProperties", "ThreadLeaksReachabilityProperties.Analysis",
					"ThreadLeaksReachabilityWebExtension"));

	@Test
	void thePublicTypesAreTheListedOnesEachSayingSince() {
		PublicApi.assertListed(PUBLIC_TYPES);
	}

}
