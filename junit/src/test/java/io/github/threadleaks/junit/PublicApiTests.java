package io.github.threadleaks.junit;

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
	 * The extension, its annotation and builder, and the error a leak fails a test with.
	 */
	private static final Map<String, Set<String>> PUBLIC_TYPES = Map.of("io.github.threadleaks.junit",
			Set.of("ThreadLeakError", "ThreadLeaksExtension", "ThreadLeaksExtension.Builder", "VerifyNoThreadLeaks",
					"VerifyNoThreadLeaks.Scope"));

	@Test
	void thePublicTypesAreTheListedOnesEachSayingSince() {
		PublicApi.assertListed(PUBLIC_TYPES);
	}

}
