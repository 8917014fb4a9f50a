package io.github.threadleaks.autoconfigure.endpoint;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.threadleaks.autoconfigure.TestLeak;
import io.github.threadleaks.core.SampleFailure;
import io.github.threadleaks.core.ThreadLeakReport;
import io.github.threadleaks.core.ThreadLeakReportJson;
import io.github.threadleaks.junit.VerifyNoThreadLeaks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Core's {@link ThreadLeakReportJson}, which the command line writes, is the endpoint's
 * document: for a report of a real leak (a suspect with its evidence and lock) and for
 * one whose sample failed, the same members with the same values, absent ones left out as
 * the actuator leaves them out.
 */
@VerifyNoThreadLeaks
class CoreReportJsonTests {

	private final TestLeak leak = new TestLeak();

	/** As the actuator writes its responses: nulls left out. */
	private final JsonMapper mapper = JsonMapper.builder()
		.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
		.build();

	@AfterEach
	void endLeak() {
		this.leak.close();
	}

	@Test
	void aReportWithASuspectIsTheEndpointsDocument() {
		this.leak.leakUntilSuspected();
		ThreadLeakReport report = this.leak.monitor().report();
		assertThat(report.suspects()).isNotEmpty();
		assertSameDocument(report);
	}

	@Test
	void aReportWhoseSampleFailedIsTheEndpointsDocument() {
		ThreadLeakReport failed = this.leak.monitor()
			.report()
			.toBuilder()
			.lastError(new SampleFailure("java.lang.IllegalStateException", "no \"threads\"\u001b",
					Instant.parse("2026-01-01T00:00:20Z"), 2))
			.build();
		assertSameDocument(failed);
	}

	@SuppressWarnings("unchecked")
	private void assertSameDocument(ThreadLeakReport report) {
		String core = ThreadLeakReportJson.of(report);
		String endpoint = this.mapper.writeValueAsString(ThreadLeaksDescriptor.of(report));
		assertThat(this.mapper.readValue(core, Map.class)).isEqualTo(this.mapper.readValue(endpoint, Map.class));
		assertThat(core).doesNotContain("null");
	}

}
