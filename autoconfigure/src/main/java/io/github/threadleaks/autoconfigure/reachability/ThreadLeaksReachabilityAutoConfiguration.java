package io.github.threadleaks.autoconfigure.reachability;

import io.github.threadleaks.autoconfigure.endpoint.ThreadLeaksEndpoint;
import io.github.threadleaks.autoconfigure.endpoint.ThreadLeaksEndpointAutoConfiguration;
import io.github.threadleaks.core.virtual.PlatformAndVirtualMonitors;
import io.github.threadleaks.reachability.ReachabilityAnalyzer;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration for the {@link ThreadLeaksReachabilityWebExtension}, when the
 * {@code threadleaks-reachability} jar and the actuator are present, the threadleaks
 * endpoint is available, and {@code threadleaks.reachability.enabled} is set: a heap dump
 * pauses the application, so it is never on by default.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ThreadLeaksEndpointAutoConfiguration.class)
@ConditionalOnClass({ ReachabilityAnalyzer.class, Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBooleanProperty("threadleaks.reachability.enabled")
@EnableConfigurationProperties(ThreadLeaksReachabilityProperties.class)
public final class ThreadLeaksReachabilityAutoConfiguration {

	// The endpoint condition lives in an optional jar: it is read only once the class
	// check has passed.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnAvailableEndpoint(ThreadLeaksEndpoint.class)
	@ConditionalOnBean({ PlatformAndVirtualMonitors.class, ThreadLeaksEndpoint.class })
	static class AvailableEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReachabilityAnalyzer threadLeaksReachabilityAnalyzer() {
			return new ReachabilityAnalyzer();
		}

		@Bean
		@ConditionalOnMissingBean
		ThreadLeaksReachabilityWebExtension threadLeaksReachabilityWebExtension(PlatformAndVirtualMonitors reports,
				ReachabilityAnalyzer analyzer) {
			return new ThreadLeaksReachabilityWebExtension(reports, analyzer);
		}

	}

}
