package io.github.threadleaks.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.threadleaks.sample.leaks.LeakPatterns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What callers send the sample app is checked: unknown ids are 404, bad counts 400, a
 * leak past the global cap 409, each with a problem detail that says what was wrong; and
 * nothing sent, even at once, leaves the app inconsistent.
 */
class InputCheckingOverHttpTests extends SampleAppTestSupport {

	private final JsonMapper json = JsonMapper.builder().build();

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					POST   | /leaks/no-such-pattern           | 404 | No leak pattern 'no-such-pattern'
					DELETE | /leaks/no-such-pattern           | 404 | No leak pattern 'no-such-pattern'
					POST   | /workloads/no-such-workload      | 404 | No workload 'no-such-workload'
					POST   | /leaks/forgotten-sender?requests=abc         | 400 | requests must be a whole number, but was 'abc'
					POST   | /leaks/forgotten-sender?requests=99999999999 | 400 | requests must be a whole number, but was '99999999999'
					POST   | /leaks/forgotten-sender?requests=0           | 400 | requests must be between 1 and 1000, but was 0
					POST   | /leaks/forgotten-sender?requests=-3          | 400 | requests must be between 1 and 1000, but was -3
					POST   | /leaks/forgotten-sender?requests=1001        | 400 | requests must be between 1 and 1000, but was 1001
					POST   | /workloads/burst-pool?size=-1                | 400 | size must be between 1 and 500, but was -1
					POST   | /workloads/burst-pool?size=0                 | 400 | size must be between 1 and 500, but was 0
					POST   | /workloads/burst-pool?size=501               | 400 | size must be between 1 and 500, but was 501
					POST   | /workloads/burst-pool?size=ten               | 400 | size must be a whole number, but was 'ten'
					""")
	void badRequestIsTurnedDownWithWhatIsWrong(String method, String path, int status, String detail) {
		RunningSampleApp.Response response = app.send(method, path);

		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("detail").asString()).startsWith(detail);
		assertNothingLeaked();
	}

	@Test
	void leakPastTheGlobalCapIsTurnedDownWhole() {
		app.post("/leaks/abandoned-receiver");
		int wanted = LeakPatterns.MAX_LEAKED_THREADS;

		RunningSampleApp.Response response = app.send("POST", "/leaks/forgotten-sender?requests=" + (wanted / 2));

		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(this.json.readTree(response.body()).path("detail").asString())
			.isEqualTo("Leaking " + wanted + " more threads would pass the cap of " + LeakPatterns.MAX_LEAKED_THREADS
					+ " (1 leaked now); release some with DELETE /leaks");
		assertThat(leakedByPattern()).containsEntry("abandoned-receiver", 1)
			.allSatisfy(
					(pattern, leaked) -> assertThat(leaked).isEqualTo(pattern.equals("abandoned-receiver") ? 1 : 0));
	}

	@Test
	void leaksAndReleasesSentAtOnceLeaveNothingBehind() {
		List<CompletableFuture<RunningSampleApp.Response>> calls = new ArrayList<>();
		// Six at once: fewer than Tomcat's ten spare threads, which would otherwise grow,
		// sit idle and look leaked.
		for (int i = 0; i < 3; i++) {
			calls.add(app.sendAsync("POST", "/leaks/forgotten-sender?requests=10"));
			calls.add(app.sendAsync("DELETE", (i % 2 == 0) ? "/leaks/forgotten-sender" : "/leaks"));
		}

		assertThat(calls).map(CompletableFuture::join).map(RunningSampleApp.Response::statusCode).containsOnly(200);
		app.send("DELETE", "/leaks");
		assertNothingLeaked();
		app.sample();
		assertThat(RunningSampleApp.groupsNamed(app.get("/actuator/threadleaks", 200), "search-replica-#")).isEmpty();
	}

	private void assertNothingLeaked() {
		assertThat(leakedByPattern().values()).allMatch((count) -> count == 0);
	}

	private Map<String, Integer> leakedByPattern() {
		Map<String, Integer> leaked = new LinkedHashMap<>();
		app.get("/leaks", 200)
			.valueStream()
			.forEach((pattern) -> leaked.put(pattern.path("id").asString(), pattern.path("leaked").asInt()));
		return leaked;
	}

}
