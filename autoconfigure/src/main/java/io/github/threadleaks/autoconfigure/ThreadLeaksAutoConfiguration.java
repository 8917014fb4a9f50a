package io.github.threadleaks.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.github.threadleaks.core.CreationSites;
import io.github.threadleaks.core.InvalidSettingException;
import io.github.threadleaks.core.JvmThreadSource;
import io.github.threadleaks.core.ThreadLeakListener;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.ThreadLeaksSettings;
import io.github.threadleaks.core.creation.ApplicationPackages;
import io.github.threadleaks.core.creation.CreationSiteTracker;
import io.github.threadleaks.core.virtual.VirtualThreadMonitor;
import io.github.threadleaks.core.virtual.VirtualThreadSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Auto-configuration for the threadleaks engine: its settings, the {@link ThreadLeakMonitor}, the sampler that
 * drives it, the {@link VirtualThreadMonitor} whose groups it includes and its own sampler, and the log of its
 * verdicts.
 */
@AutoConfiguration
@Conditional(ValidEnabledPropertyCondition.class)
@ConditionalOnBooleanProperty(name = "threadleaks.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ThreadLeaksProperties.class)
public final class ThreadLeaksAutoConfiguration {

	/** The most threads {@code threadleaks.creation-site.max-threads} may hold. */
	static final int MAX_CREATION_SITE_THREADS = 10_000_000;

	@Bean
	@ConditionalOnMissingBean
	ThreadLeaksSettings threadLeaksSettings(ThreadLeaksProperties properties) {
		return settings(properties);
	}

	@Bean
	@ConditionalOnMissingBean(CreationSites.class)
	@ConditionalOnBooleanProperty(name = "threadleaks.creation-site.enabled", matchIfMissing = true)
	ThreadLeaksCreationSites threadLeaksCreationSites(ThreadLeaksProperties properties, BeanFactory beanFactory) {
		int maxThreads = properties.getCreationSite().getMaxThreads();
		if (maxThreads < 1 || maxThreads > MAX_CREATION_SITE_THREADS) {
			throw new InvalidConfigurationPropertyValueException("threadleaks.creation-site.max-threads", maxThreads,
					"Must be between 1 and " + MAX_CREATION_SITE_THREADS + ".");
		}
		return new ThreadLeaksCreationSites(new CreationSiteTracker(maxThreads,
				applicationPackages(properties.getCreationSite().getApplicationPackages(), beanFactory)));
	}

	/** The property's packages where set, else those Spring Boot's auto-configuration scans, if any. */
	static ApplicationPackages applicationPackages(List<String> configured, BeanFactory beanFactory) {
		List<String> packages = configured;
		if (packages.isEmpty() && AutoConfigurationPackages.has(beanFactory)) {
			packages = AutoConfigurationPackages.get(beanFactory);
		}
		try {
			return ApplicationPackages.of(packages.stream().filter((name) -> !name.isEmpty()).toList());
		}
		catch (InvalidSettingException ex) {
			throw invalidProperty(ex, ex.value());
		}
	}

	@Bean
	@ConditionalOnMissingBean
	VirtualThreadMonitor virtualThreadMonitor(ThreadLeaksSettings settings, ThreadLeaksProperties properties) {
		return VirtualThreadMonitor.of(settings, virtualThreadSettings(properties.getVirtualThreads()));
	}

	@Bean
	@ConditionalOnMissingBean
	ThreadLeakMonitor threadLeakMonitor(ThreadLeaksSettings settings, ObjectProvider<CreationSites> creationSites,
			ObjectProvider<VirtualThreadMonitor> virtualThreads) {
		ThreadLeakMonitor monitor = new ThreadLeakMonitor(settings, new JvmThreadSource(), Clock.systemUTC(),
				creationSites.getIfAvailable(() -> CreationSites.NONE));
		virtualThreads.ifAvailable(monitor::include);
		return monitor;
	}

	@Bean
	@ConditionalOnMissingBean
	VirtualThreadSampler virtualThreadSampler(VirtualThreadMonitor virtualThreads) {
		return new VirtualThreadSampler(virtualThreads);
	}

	@Bean
	@ConditionalOnMissingBean
	ThreadLeaksSampler threadLeaksSampler(ThreadLeakMonitor monitor, ObjectProvider<ThreadLeakListener> listeners) {
		return new ThreadLeaksSampler(monitor, listeners.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	ThreadLeakLogger threadLeakLogger() {
		return new ThreadLeakLogger();
	}

	/**
	 * The engine's settings from the properties. A value out of range fails start-up with an
	 * {@link InvalidConfigurationPropertyValueException} naming the property, its value and the allowed range.
	 */
	static ThreadLeaksSettings settings(ThreadLeaksProperties properties) {
		try {
			return ThreadLeaksSettings.builder()
				.sampleInterval(properties.getSampleInterval())
				.window(properties.getWindow())
				.minGrowth(properties.getMinGrowth())
				.minRiseShare(properties.getMinRiseShare())
				.minStuckShare(properties.getMinStuckShare())
				.minStillSamples(properties.getMinStillSamples())
				.maxStillCpuShare(properties.getMaxStillCpuShare())
				.stackWalkBudget(properties.getStackWalkBudget())
				.horizons(properties.getHorizons())
				.horizonFactor(properties.getHorizonFactor())
				.stackDepth(properties.getStackDepth())
				.maxGroups(properties.getMaxGroups())
				.ignoredThreadNames(properties.getIgnore().getThreadNames())
				.ignoredTopFrames(properties.getIgnore().getTopFrames())
				.ignoredAnyFrames(properties.getIgnore().getAnyFrames())
				.build();
		}
		catch (InvalidSettingException ex) {
			// A Duration reads better in millis.
			Object value = switch (ex.setting()) {
				case "sample-interval" -> millis(properties.getSampleInterval());
				case "stack-walk-budget" -> millis(properties.getStackWalkBudget());
				default -> ex.value();
			};
			throw invalidProperty(ex, value);
		}
	}

	/** The virtual threads' settings from their properties; out of range fails start-up as {@link #settings} does. */
	static VirtualThreadSettings virtualThreadSettings(ThreadLeaksProperties.VirtualThreads properties) {
		try {
			return VirtualThreadSettings.builder()
				.enabled(properties.isEnabled())
				.interval(properties.getInterval())
				.maxSampleTime(properties.getMaxSampleTime())
				.maxInterval(properties.getMaxInterval())
				.maxThreads(properties.getMaxThreads())
				.build();
		}
		catch (InvalidSettingException ex) {
			throw invalidProperty(ex, ex.value());
		}
	}

	/** The setting names are the property names without the {@code threadleaks.} prefix. */
	private static InvalidConfigurationPropertyValueException invalidProperty(InvalidSettingException ex,
			@Nullable Object value) {
		return new InvalidConfigurationPropertyValueException("threadleaks." + ex.setting(), value,
				"Must be " + ex.allowed() + ".");
	}

	private static Object millis(@Nullable Duration duration) {
		return (duration != null) ? duration.toMillis() + "ms" : "null";
	}

}
