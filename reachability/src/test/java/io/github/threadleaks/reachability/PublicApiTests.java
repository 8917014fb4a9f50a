package io.github.threadleaks.reachability;

import java.util.Map;
import java.util.Set;

import io.github.threadleaks.core.PublicApi;
import org.junit.jupiter.api.Test;

/**
 * The public types of each of this module's packages, listed by hand: adding or removing
 * one fails here, so a change to the API is a decision.
 */
class PublicApiTests {

	/** The heap-dump analysis and its verdicts. */
	private static final Map<String, Set<String>> PUBLIC_TYPES = Map.of("io.github.threadleaks.reachability",
			Set.of("AnalysisInProgressException", "AnalysisLimitException", "AnalysisLimitException.Limit",
					"ReachabilityChild", "HeapDumpReachability", "PathStep", "ReachabilityAnalyzer",
					"ReachabilityVerdict", "Verdict"));

	@Test
	void thePublicTypesAreTheListedOnesEachSayingSince() {
		PublicApi.assertListed(PUBLIC_TYPES);
	}

}
