package io.github.threadleaks.reachability;

import java.util.Map;
import java.util.Set;

import io.github.threadleaks.core.PublicApi;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public types of each of this module's packages, listed by hand: adding or removing
 * one fails here, so a change to the API is a decision.
 */
class PublicApiTests {

	/** The heap-dump analysis and its verdicts. */
	private static final Map<String, Set<String>> PUBLIC_TYPES = Map.of("io.github.threadleaks.reachability",
			Set.of("AnalysisInProgressException", "HeapDumpReachability", "PathStep", "ReachabilityAnalyzer",
					"ReachabilityVerdict", "Verdict"));

	@Test
	void eachPackageExportsExactlyTheListedTypes() {
		assertThat(PublicApi.differences(PUBLIC_TYPES))
			.as("differences from the listed public API (update the list if deliberate)")
			.isEmpty();
	}

	@Test
	void eachPublicTypeSaysSinceWhenItExists() {
		assertThat(PublicApi.withoutSince(PUBLIC_TYPES)).as("public types without @since in their javadoc").isEmpty();
	}

}
