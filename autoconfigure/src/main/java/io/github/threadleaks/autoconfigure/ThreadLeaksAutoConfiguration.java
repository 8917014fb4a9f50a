package io.github.threadleaks.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import io.github.threadleaks.core.CreationSites;
import io.github.threadleaks.core.InvalidSettingException;
import io.github.threadleaks.core.JvmThreadSource;
import io.github.threadleaks.core.ThreadLeakListener;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.ThreadLeaksSettings;
import io.github.threadleaks.core.creation.ApplicationPackages;
import io.github.threadleaks.core.creation.CreationSiteTracker;
import io.github.threadleaks.core.jfr.JfrVerdictEvents;
import io.github.threadleaks.core.virtual.PlatformAndVirtualMonitors;
import io.github.threadleaks.core.virtual.VirtualThreadMonitor;
import io.github.threadleaks.core.virtual.VirtualThreadRegistry;
import io.github.threadleaks.core.virtual.VirtualThreadSettings;
import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.thread.Threading;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.Ordered;
import org.springframework.core.task.TaskDecorator;

/**
 * Auto-configuration for the threadleaks engine: its settings, the
 * {@link ThreadLeakMonitor}, the sampler that drives it, the {@link VirtualThreadMonitor}
 * and its own sampler, the {@link PlatformAndVirtualMonitors} that readers of both use,
 * and the log of their verdicts. The application's {@link ThreadLeakListener} beans are
 * attached here, explicitly, to the {@link PlatformAndVirtualMonitors} bean
 * ({@link ThreadLeakListenerRegistrar}), so an application that declares its own monitor
 * or sampler keeps the meters, the log, the JFR events and the virtual threads.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@Conditional(ValidEnabledPropertyCondition.class)
@ConditionalOnBooleanProperty(name = "threadleaks.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ThreadLeaksProperties.class)
@ImportRuntimeHints(ThreadLeaksRuntimeHints.class)
public final class ThreadLeaksAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ThreadLeaksSettings threadLeaksSettings(ThreadLeaksProperties properties) {
		return settings(properties);
	}

	@Bean
	@ConditionalOnMissingBean(CreationSites.class)
	@ConditionalOnBooleanProperty(name = "threadleaks.creation-site.enabled", matchIfMissing = true)
	ThreadLeaksCreationSites threadLeaksCreationSites(ThreadLeaksProperties properties, BeanFactory beanFactory) {
		CreationSiteProperties creationSite = properties.getCreationSite();
		ApplicationPackages packages = applicationPackages(creationSite.getApplicationPackages(), beanFactory);
		try {
			return new ThreadLeaksCreationSites(new CreationSiteTracker(creationSite.getMaxThreads(), packages));
		}
		catch (InvalidSettingException ex) {
			throw invalidProperty(ex);
		}
	}

	/**
	 * The property's packages where set, else those Spring Boot's auto-configuration
	 * scans, if any.
	 */
	static ApplicationPackages applicationPackages(List<String> configured, BeanFactory beanFactory) {
		List<String> packages = configured;
		if (packages.isEmpty() && AutoConfigurationPackages.has(beanFactory)) {
			packages = AutoConfigurationPackages.get(beanFactory);
		}
		try {
			return ApplicationPackages.of(packages.stream().filter((name) -> !name.isEmpty()).toList());
		}
		catch (InvalidSettingException ex) {
			throw invalidProperty(ex);
		}
	}

	@Bean
	@ConditionalOnMissingBean
	VirtualThreadMonitor virtualThreadMonitor(ThreadLeaksSettings settings, ThreadLeaksProperties properties,
			ObjectProvider<VirtualThreadRegistry> registered) {
		return VirtualThreadMonitor.of(settings, virtualThreadSettings(properties.getVirtualThreads()),
				registered.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	ThreadLeakMonitor threadLeakMonitor(ThreadLeaksSettings settings, ObjectProvider<CreationSites> creationSites) {
		return new ThreadLeakMonitor(settings, new JvmThreadSource(), Clock.systemUTC(),
				creationSites.getIfAvailable(() -> CreationSites.NONE));
	}

	@Bean
	@ConditionalOnMissingBean
	PlatformAndVirtualMonitors threadLeakReports(ThreadLeakMonitor monitor,
			ObjectProvider<VirtualThreadMonitor> virtualThreads) {
		VirtualThreadMonitor virtual = virtualThreads.getIfAvailable();
		return (virtual != null) ? new PlatformAndVirtualMonitors(monitor, virtual)
				: new PlatformAndVirtualMonitors(monitor);
	}

	/**
	 * Attaches the listeners to the reports, whether the application declares its own
	 * monitor or not.
	 */
	@Bean
	ThreadLeakListenerRegistrar threadLeakListenerRegistrar(ObjectProvider<PlatformAndVirtualMonitors> reports,
			ObjectProvider<ThreadLeakListener> listeners) {
		return new ThreadLeakListenerRegistrar(reports, listeners);
	}

	@Bean
	@ConditionalOnMissingBean
	VirtualThreadSampler virtualThreadSampler(VirtualThreadMonitor virtualThreads) {
		return new VirtualThreadSampler(virtualThreads);
	}

	@Bean
	@ConditionalOnMissingBean
	ThreadLeaksSampler threadLeaksSampler(ThreadLeakMonitor monitor) {
		return new ThreadLeaksSampler(monitor);
	}

	@Bean
	@ConditionalOnMissingBean
	ThreadLeakLogger threadLeakLogger() {
		return new ThreadLeakLogger();
	}

	/**
	 * The engine's settings from the properties, which only translate: the ranges are the
	 * engine's. A value out of range fails start-up with an
	 * {@link InvalidConfigurationPropertyValueException} naming the property, its value
	 * and the allowed range.
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
				.ignore(properties.getIgnore().toRules())
				.build();
		}
		catch (InvalidSettingException ex) {
			throw invalidProperty(ex);
		}
	}

	/**
	 * The virtual threads' settings from their properties; out of range fails start-up as
	 * {@link #settings} does.
	 */
	static VirtualThreadSettings virtualThreadSettings(VirtualThreadsProperties properties) {
		try {
			VirtualThreadSettings.Builder settings = VirtualThreadSettings.builder()
				.enabled(properties.isEnabled())
				.maxSampleTime(properties.getMaxSampleTime())
				.maxInterval(properties.getMaxInterval())
				.maxThreads(properties.getMaxThreads());
			Duration interval = properties.getInterval();
			if (interval != null) {
				settings.interval(interval);
			}
			return settings.build();
		}
		catch (InvalidSettingException ex) {
			throw invalidProperty(ex);
		}
	}

	/**
	 * The engine's message as the property's: the setting names are the property names
	 * without {@code threadleaks.}.
	 */
	private static InvalidConfigurationPropertyValueException invalidProperty(InvalidSettingException ex) {
		return new InvalidConfigurationPropertyValueException("threadleaks." + ex.setting(), ex.value(),
				"Must be " + ex.allowed() + ".");
	}

	/**
	 * Where the application serves on virtual threads and the JVM's thread containers are
	 * closed: the registry of the virtual threads Spring starts, which the virtual
	 * monitor lists, and what registers them (request threads through a servlet filter,
	 * task threads through a {@link TaskDecorator}).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnThreading(Threading.VIRTUAL)
	@ConditionalOnBooleanProperty(name = "threadleaks.virtual-threads.enabled", matchIfMissing = true)
	@Conditional(ThreadContainersClosedCondition.class)
	static class RegisteredVirtualThreadsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		VirtualThreadRegistry threadLeaksVirtualThreadRegistry(ThreadLeaksProperties properties) {
			return new VirtualThreadRegistry(virtualThreadSettings(properties.getVirtualThreads()).maxThreads());
		}

		// Boot applies every TaskDecorator bean, in order, to the executor and scheduler
		// it configures: a user's own
		// decorators keep running.
		@Bean
		VirtualThreadRegistrationTaskDecorator threadLeaksVirtualThreadRegistrationTaskDecorator(
				VirtualThreadRegistry registry) {
			return new VirtualThreadRegistrationTaskDecorator(registry);
		}

		/** Request threads, where the application is a servlet web application. */
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = "jakarta.servlet.Filter")
		@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
		static class ServletRequestsConfiguration {

			@Bean
			FilterRegistrationBean<VirtualThreadRegistrationFilter> threadLeaksVirtualThreadRegistrationFilter(
					VirtualThreadRegistry registry) {
				FilterRegistrationBean<VirtualThreadRegistrationFilter> registration = new FilterRegistrationBean<>(
						new VirtualThreadRegistrationFilter(registry));
				// First in the chain and on every dispatch: a handler blocked anywhere
				// below is registered.
				registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
				registration.setDispatcherTypes(EnumSet.allOf(DispatcherType.class));
				return registration;
			}

		}

	}

	/**
	 * The verdicts as JFR events, where the runtime has JFR: they cost nothing until a
	 * recording runs.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "jdk.jfr.FlightRecorder")
	static class JfrEventsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JfrVerdictEvents threadLeaksJfrVerdictEvents() {
			return new JfrVerdictEvents();
		}

	}

}
