package io.github.threadleaks.autoconfigure.metrics;

import io.github.threadleaks.autoconfigure.ThreadLeaksAutoConfiguration;
import io.github.threadleaks.autoconfigure.ThreadLeaksProperties;
import io.github.threadleaks.core.CreationSites;
import io.github.threadleaks.core.virtual.PlatformAndVirtualMonitors;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for the threadleaks meters, when Micrometer is present and the
 * application has a {@link MeterRegistry}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ThreadLeaksAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "threadleaks.enabled", matchIfMissing = true)
@ConditionalOnBean({ MeterRegistry.class, PlatformAndVirtualMonitors.class })
@EnableConfigurationProperties(ThreadLeaksProperties.class)
public final class ThreadLeaksMetricsAutoConfiguration {

	/**
	 * The most groups {@code threadleaks.metrics.max-groups} may export, to keep
	 * cardinality bounded.
	 */
	static final int MAX_EXPORTED_GROUPS = 1000;

	@Bean
	@ConditionalOnMissingBean
	ThreadLeaksMetrics threadLeaksMetrics(PlatformAndVirtualMonitors reports, ThreadLeaksProperties properties) {
		int maxGroups = properties.getMetrics().getMaxGroups();
		if (maxGroups < 0 || maxGroups > MAX_EXPORTED_GROUPS) {
			throw new InvalidConfigurationPropertyValueException("threadleaks.metrics.max-groups", maxGroups,
					"Must be between 0 and " + MAX_EXPORTED_GROUPS + ".");
		}
		return new ThreadLeaksMetrics(reports, maxGroups);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(CreationSites.class)
	CreationSiteMetrics threadLeaksCreationSiteMetrics(CreationSites creationSites) {
		return new CreationSiteMetrics(creationSites);
	}

}
