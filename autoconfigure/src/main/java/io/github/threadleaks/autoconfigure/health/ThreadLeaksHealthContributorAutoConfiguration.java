package io.github.threadleaks.autoconfigure.health;

import io.github.threadleaks.autoconfigure.ThreadLeaksAutoConfiguration;
import io.github.threadleaks.core.virtual.PlatformAndVirtualMonitors;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration for the {@code threadLeaks} health contributor, unless
 * {@code management.health.threadleaks.enabled} is {@code false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ThreadLeaksAutoConfiguration.class,
		beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBooleanProperty(name = "threadleaks.enabled", matchIfMissing = true)
public final class ThreadLeaksHealthContributorAutoConfiguration {

	// The health condition lives in an optional jar: it is read only once the class check
	// has passed.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("threadleaks")
	@ConditionalOnBean(PlatformAndVirtualMonitors.class)
	static class EnabledHealthIndicatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "threadLeaksHealthIndicator")
		ThreadLeaksHealthIndicator threadLeaksHealthIndicator(PlatformAndVirtualMonitors reports) {
			return new ThreadLeaksHealthIndicator(reports);
		}

	}

}
