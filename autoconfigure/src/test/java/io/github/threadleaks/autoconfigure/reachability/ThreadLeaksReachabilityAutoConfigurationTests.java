package io.github.threadleaks.autoconfigure.reachability;

import io.github.threadleaks.autoconfigure.ThreadLeaksAutoConfiguration;
import io.github.threadleaks.autoconfigure.endpoint.ThreadLeaksEndpointAutoConfiguration;
import io.github.threadleaks.reachability.ReachabilityAnalyzer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the reachability extension is configured: only on request, with its jar, on an
 * available endpoint.
 */
class ThreadLeaksReachabilityAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadLeaksAutoConfiguration.class,
				ThreadLeaksEndpointAutoConfiguration.class, ThreadLeaksReachabilityAutoConfiguration.class))
		.withPropertyValues("threadleaks.sample-interval=1h", "management.endpoints.web.exposure.include=threadleaks");

	@Test
	void offByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(ThreadLeaksReachabilityWebExtension.class)
				.doesNotHaveBean(ReachabilityAnalyzer.class);
		});
	}

	@Test
	void enabledWithTheJarAndTheEndpoint() {
		this.contextRunner.withPropertyValues("threadleaks.reachability.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(ThreadLeaksReachabilityWebExtension.class)
				.hasSingleBean(ReachabilityAnalyzer.class);
			assertThat(context.getBean(ThreadLeaksReachabilityProperties.class).isEnabled()).isTrue();
		});
	}

	@Test
	void aChildHeapBelow64MbIsRefusedWithTheProperty() {
		this.contextRunner
			.withPropertyValues("threadleaks.reachability.enabled=true",
					"threadleaks.reachability.analysis.max-heap=32MB")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("threadleaks.reachability.analysis.max-heap must be at least 64MB, not 32MB"));
	}

	@Test
	void aTimeoutThatIsNotPositiveIsRefusedWithTheProperty() {
		this.contextRunner
			.withPropertyValues("threadleaks.reachability.enabled=true", "threadleaks.reachability.analysis.timeout=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("threadleaks.reachability.analysis.timeout must be positive, not PT0S"));
	}

	@Test
	void backsOffWithoutTheReachabilityJar() {
		this.contextRunner.withPropertyValues("threadleaks.reachability.enabled=true")
			.withClassLoader(new FilteredClassLoader(ReachabilityAnalyzer.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(ThreadLeaksReachabilityWebExtension.class);
			});
	}

	@Test
	void backsOffWhenTheEndpointIsNotExposed() {
		this.contextRunner
			.withPropertyValues("threadleaks.reachability.enabled=true",
					"management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).doesNotHaveBean(ThreadLeaksReachabilityWebExtension.class));
	}

	@Test
	void backsOffWhenThreadleaksIsOff() {
		this.contextRunner.withPropertyValues("threadleaks.reachability.enabled=true", "threadleaks.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ThreadLeaksReachabilityWebExtension.class));
	}

	@Test
	void theApplicationsOwnAnalyzerWins() {
		this.contextRunner.withPropertyValues("threadleaks.reachability.enabled=true")
			.withUserConfiguration(OwnAnalyzer.class)
			.run((context) -> assertThat(context.getBean(ReachabilityAnalyzer.class))
				.isSameAs(context.getBean(OwnAnalyzer.class).analyzer));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnAnalyzer {

		final ReachabilityAnalyzer analyzer = new ReachabilityAnalyzer();

		@Bean
		ReachabilityAnalyzer ownAnalyzer() {
			return this.analyzer;
		}

	}

}
