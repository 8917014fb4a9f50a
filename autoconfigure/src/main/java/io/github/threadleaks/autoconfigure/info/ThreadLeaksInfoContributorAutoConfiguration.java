package io.github.threadleaks.autoconfigure.info;

import io.github.threadleaks.autoconfigure.ThreadLeaksAutoConfiguration;
import io.github.threadleaks.core.ThreadLeaksSettings;
import io.github.threadleaks.core.virtual.PlatformAndVirtualMonitors;

import org.springframework.boot.actuate.autoconfigure.info.ConditionalOnEnabledInfoContributor;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration for the {@link ThreadLeaksInfoContributor}, unless
 * {@code management.info.threadleaks.enabled} (or
 * {@code management.info.defaults.enabled}) is {@code false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ThreadLeaksAutoConfiguration.class)
@ConditionalOnClass({ InfoContributor.class, ConditionalOnEnabledInfoContributor.class })
@ConditionalOnBooleanProperty(name = "threadleaks.enabled", matchIfMissing = true)
public final class ThreadLeaksInfoContributorAutoConfiguration {

	// The info condition lives in an optional jar: it is read only once the class check
	// has passed.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledInfoContributor("threadleaks")
	@ConditionalOnBean({ PlatformAndVirtualMonitors.class, ThreadLeaksSettings.class })
	static class EnabledInfoContributorConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ThreadLeaksInfoContributor threadLeaksInfoContributor(PlatformAndVirtualMonitors reports,
				ThreadLeaksSettings settings) {
			return new ThreadLeaksInfoContributor(reports, settings);
		}

	}

}
