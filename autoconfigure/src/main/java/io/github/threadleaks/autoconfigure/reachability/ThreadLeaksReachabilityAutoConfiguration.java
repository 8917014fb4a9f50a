package io.github.threadleaks.autoconfigure.reachability;

import java.time.Duration;

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
import org.springframework.util.unit.DataSize;

/**
 * Auto-configuration for the {@link ThreadLeaksReachabilityWebExtension}, when the
 * {@code threadleaks-reachability} jar and the actuator are present, the threadleaks
 * endpoint is available, and {@code threadleaks.reachability.enabled} is set: a heap dump
 * pauses the application, so it is never on by default. Each dump is read in a child JVM
 * bounded by {@code threadleaks.reachability.analysis.max-heap} and {@code .timeout}.
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

		private static final long MIN_HEAP_MEGABYTES = 64;

		@Bean
		@ConditionalOnMissingBean
		ReachabilityAnalyzer threadLeaksReachabilityAnalyzer(ThreadLeaksReachabilityProperties properties) {
			DataSize maxHeap = properties.getAnalysis().getMaxHeap();
			Duration timeout = properties.getAnalysis().getTimeout();
			if (maxHeap.toMegabytes() < MIN_HEAP_MEGABYTES) {
				throw new IllegalArgumentException("threadleaks.reachability.analysis.max-heap must be at least "
						+ MIN_HEAP_MEGABYTES + "MB, not " + maxHeap.toMegabytes() + "MB");
			}
			if (timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException(
						"threadleaks.reachability.analysis.timeout must be positive, not " + timeout);
			}
			return ReachabilityAnalyzer.inChildJvm(maxHeap.toBytes(), timeout);
		}

		@Bean
		@ConditionalOnMissingBean
		ThreadLeaksReachabilityWebExtension threadLeaksReachabilityWebExtension(PlatformAndVirtualMonitors reports,
				ReachabilityAnalyzer analyzer) {
			return new ThreadLeaksReachabilityWebExtension(reports, analyzer);
		}

	}

}
