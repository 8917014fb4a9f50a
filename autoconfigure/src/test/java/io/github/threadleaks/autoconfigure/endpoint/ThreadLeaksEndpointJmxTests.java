package io.github.threadleaks.autoconfigure.endpoint;

import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.github.threadleaks.autoconfigure.TestLeak;
import io.github.threadleaks.autoconfigure.ThreadLeaksAutoConfiguration;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.junit.VerifyNoThreadLeaks;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jmx.JmxEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jmx.JmxAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The endpoint's operations over JMX, as the actuator exports them. */
@VerifyNoThreadLeaks
class ThreadLeaksEndpointJmxTests {

	private static final String[] NO_TYPES = {};

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JmxAutoConfiguration.class, EndpointAutoConfiguration.class,
				JmxEndpointAutoConfiguration.class, ThreadLeaksAutoConfiguration.class,
				ThreadLeaksEndpointAutoConfiguration.class))
		.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=threadleaks",
				"threadleaks.sample-interval=1h");

	@Test
	@SuppressWarnings("unchecked")
	void reportAndGroupAreReadOverJmx() {
		this.contextRunner.run((context) -> {
			// After the sampler's first sample, the only one it takes, the report changes
			// only when sampled here.
			ThreadLeakMonitor monitor = context.getBean(ThreadLeakMonitor.class);
			TestLeak.await(() -> monitor.report().samples() > 0, () -> "the first sample");
			monitor.sample();
			MBeanServer server = context.getBean(MBeanServer.class);
			Set<ObjectName> names = server.queryNames(new ObjectName("org.springframework.boot:type=Endpoint,*"), null);
			ObjectName name = names.stream()
				.filter((candidate) -> "Threadleaks".equals(candidate.getKeyProperty("name")))
				.findFirst()
				.orElseThrow();
			Map<String, Object> report = (Map<String, Object>) server.invoke(name, "report", new Object[0], NO_TYPES);
			assertThat(report).containsKeys("status", "threads", "samples", "suspects", "groups");
			assertThat(report.get("status")).isEqualTo("OK");
			assertThat(report.get("takenAt")).isInstanceOf(String.class);
			Map<String, Object> first = ((List<Map<String, Object>>) report.get("groups")).get(0);
			String id = (String) first.get("id");
			String[] stringType = { String.class.getName() };
			Map<String, Object> group = (Map<String, Object>) server.invoke(name, "group", new Object[] { id },
					stringType);
			assertThat(group).containsEntry("id", id).containsEntry("state", first.get("state")).containsKey("threads");
			assertThat(server.invoke(name, "group", new Object[] { "000000000000" }, stringType)).isNull();
		});
	}

}
