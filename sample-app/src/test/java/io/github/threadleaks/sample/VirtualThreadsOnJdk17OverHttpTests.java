package io.github.threadleaks.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnJre;
import org.junit.jupiter.api.condition.JRE;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Before JDK 21 the virtual-thread endpoints refuse with a problem detail, and the report
 * says why.
 */
@EnabledOnJre(value = JRE.JAVA_17, disabledReason = "from JDK 21 the virtual threads exist and are tested over HTTP")
class VirtualThreadsOnJdk17OverHttpTests extends SampleAppTestSupport {

	@Test
	void virtualThreadEndpointsAnswer501SayingJdk21IsNeeded() {
		for (String path : new String[] { "/virtual-threads/leak", "/virtual-threads/requests" }) {
			JsonNode problem = app.json("POST", path, 501);
			assertThat(problem.path("detail").asString()).startsWith("Virtual threads need JDK 21+");
		}
	}

	@Test
	void theReportSaysVirtualThreadsAreNotWatched() {
		JsonNode virtualThreads = app.get("/actuator/threadleaks", 200).path("virtualThreads");
		assertThat(virtualThreads.path("status").asString()).isEqualTo("UNAVAILABLE");
		assertThat(virtualThreads.path("reason").asString()).startsWith("needs JDK 21+");
	}

}
