package io.github.threadleaks.autoconfigure.endpoint;

import io.github.threadleaks.autoconfigure.ThreadLeaksAutoConfiguration;
import io.github.threadleaks.core.virtual.PlatformAndVirtualMonitors;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration for the {@link ThreadLeaksEndpoint}, when the actuator is present
 * and the endpoint is available (accessible and exposed).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ThreadLeaksAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBooleanProperty(name = "threadleaks.enabled", matchIfMissing = true)
public final class ThreadLeaksEndpointAutoConfiguration {

	// The endpoint condition lives in an optional jar: it is read only once the class
	// check has passed.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnAvailableEndpoint(ThreadLeaksEndpoint.class)
	@ConditionalOnBean(PlatformAndVirtualMonitors.class)
	static class AvailableEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ThreadLeaksEndpoint threadLeaksEndpoint(PlatformAndVirtualMonitors reports) {
			return new ThreadLeaksEndpoint(reports);
		}

	}

}
