package io.github.threadleaks.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.threadleaks.core.LatestReport;
import io.github.threadleaks.core.StackGroupReport;
import io.github.threadleaks.core.ThreadLeakReport;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@link HealthIndicator} that is down while any stack group is suspected of leaking or
 * any thread is deadlocked, with the suspects and the deadlocked thread ids in its
 * details. Reads the latest report and never waits for a sample.
 *
 * @since 0.1.0
 */
public class ThreadLeaksHealthIndicator implements HealthIndicator {

	private final LatestReport reports;

	public ThreadLeaksHealthIndicator(LatestReport reports) {
		this.reports = reports;
	}

	@Override
	public Health health() {
		ThreadLeakReport report = this.reports.report();
		boolean down = !report.suspects().isEmpty() || !report.deadlockedThreads().isEmpty();
		List<Map<String, Object>> suspects = report.suspects()
			.stream()
			.map(ThreadLeaksHealthIndicator::suspect)
			.toList();
		return (down ? Health.down() : Health.up()).withDetail("suspects", suspects)
			.withDetail("deadlockedThreads", report.deadlockedThreads())
			.build();
	}

	private static Map<String, Object> suspect(StackGroupReport group) {
		Map<String, Object> suspect = new LinkedHashMap<>();
		suspect.put("id", group.id());
		suspect.put("name", group.name());
		suspect.put("state", group.state().name());
		suspect.put("count", group.count());
		suspect.put("growth", group.growth());
		suspect.put("blockedAt", group.blockedAt());
		if (!group.createdBy().isEmpty()) {
			suspect.put("createdBy", group.createdBy());
		}
		return suspect;
	}

}
