package io.github.threadleaks.autoconfigure.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.github.threadleaks.autoconfigure.TestLeak;
import io.github.threadleaks.core.GroupDetail;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile threads, served as JSON by the actuator's own mapper over real HTTP: names of
 * 10,000 characters, names with quotes, newlines, unicode and control characters, a stack
 * far deeper than {@code stack-depth}, and 10,000 threads in one group. The answers stay
 * valid JSON and bounded; the meters' tags stay clean and short.
 */
class HostileThreadsJsonTests {

	private static final String PREFIX = "threadleaks-test-hostile-";

	private static final String LONG_NAME = PREFIX + "x".repeat(10_000);

	private static final List<String> ODD_NAMES = List.of(PREFIX + "quote\"back\\slash", PREFIX + "new\nline\r\ttab",
			PREFIX + "ünïcødé-名前-\uD83D\uDE00", PREFIX + "ctl\u0000\u0001\u001b[red\u007f", PREFIX + "</script><b>");

	private static final int SWARM = 10_000;

	private static final int DEEP = 3_000;

	private final CountDownLatch release = new CountDownLatch(1);

	private final List<Thread> threads = new ArrayList<>();

	@AfterEach
	void endThreads() throws InterruptedException {
		this.release.countDown();
		for (Thread thread : this.threads) {
			thread.join();
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void answersStayValidAndBounded() throws IOException {
		start(LONG_NAME, this::park);
		ODD_NAMES.forEach((name) -> start(name, this::park));
		start(PREFIX + "deep", () -> descend(DEEP));
		for (int i = 0; i < SWARM; i++) {
			start(PREFIX + "swarm-" + i, this::swarm);
		}
		this.threads.forEach((thread) -> TestLeak.awaitState(thread, Thread.State.WAITING));
		try (RunningApplication app = RunningApplication.start("management.endpoints.web.exposure.include=threadleaks",
				"threadleaks.sample-interval=1h", "threadleaks.stack-depth=1024",
				"threadleaks.metrics.max-groups=1000")) {
			app.context().getBean(ThreadLeakMonitor.class).sample();
			RunningApplication.Response response = app.get("/actuator/threadleaks",
					SecuredActuatorApplication.OPERATOR);
			assertThat(response.status()).isEqualTo(200);
			List<Map<String, Object>> groups = (List<Map<String, Object>>) response.json().get("groups");
			Map<String, Map<String, Object>> byName = new HashMap<>();
			groups.forEach((group) -> byName.put((String) group.get("name"), group));

			String longName = byName.keySet()
				.stream()
				.filter((name) -> name.startsWith(PREFIX + "xxx"))
				.findFirst()
				.orElseThrow();
			assertThat(longName).hasSize(201).endsWith("…");
			assertThat(byName).containsKeys(PREFIX + "quote\"back\\slash", PREFIX + "new\nline\r\ttab",
					PREFIX + "ünïcødé-名前-\uD83D\uDE00", PREFIX + "ctl\u0000\u0001\u001b[red\u007f",
					PREFIX + "</script><b>");
			assertThat((List<String>) byName.get(PREFIX + "deep").get("frames")).hasSize(1024);

			Map<String, Object> swarm = byName.get(PREFIX + "swarm-#");
			assertThat(swarm.get("count")).isEqualTo(SWARM);
			RunningApplication.Response detail = app.get("/actuator/threadleaks/" + swarm.get("id"),
					SecuredActuatorApplication.OPERATOR);
			assertThat(detail.status()).isEqualTo(200);
			assertThat((List<?>) detail.json().get("threads")).hasSize(GroupDetail.MAX_THREADS);
			assertThat(detail.json()).containsEntry("omittedThreads", SWARM - GroupDetail.MAX_THREADS);
			// Bounded: a thousand members of a few hundred bytes each, not ten thousand.
			assertThat(detail.body().length()).isLessThan(500_000);

			RunningApplication.Response longDetail = app.get("/actuator/threadleaks/" + byName.get(longName).get("id"),
					SecuredActuatorApplication.OPERATOR);
			assertThat((List<Map<String, Object>>) longDetail.json().get("threads")).singleElement()
				.satisfies((member) -> assertThat((String) member.get("name")).hasSize(201).endsWith("…"));
			RunningApplication.Response oddDetail = app.get(
					"/actuator/threadleaks/" + byName.get(PREFIX + "new\nline\r\ttab").get("id"),
					SecuredActuatorApplication.OPERATOR);
			assertThat(oddDetail.body()).contains("new\\nline\\r\\ttab");

			MeterRegistry registry = app.context().getBean(MeterRegistry.class);
			List<Gauge> gauges = new ArrayList<>(registry.find("threadleaks.group.threads").gauges());
			assertThat(gauges).hasSizeGreaterThanOrEqualTo(3 + ODD_NAMES.size()).allSatisfy((gauge) -> {
				String tag = gauge.getId().getTag("name");
				assertThat(tag).hasSizeLessThanOrEqualTo(64);
				assertThat(tag.chars()).noneMatch(Character::isISOControl);
			});
		}
	}

	private void start(String name, Runnable body) {
		// Small stacks: ten thousand threads on a small machine. The deep one needs a
		// default stack.
		long stackSize = name.endsWith("deep") ? 0 : 256 * 1024;
		Thread thread = new Thread(null, body, name, stackSize);
		thread.setDaemon(true);
		this.threads.add(thread);
		thread.start();
	}

	private void park() {
		try {
			this.release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void swarm() {
		park();
	}

	private void descend(int depth) {
		if (depth > 0) {
			descend(depth - 1);
		}
		else {
			park();
		}
	}

}
