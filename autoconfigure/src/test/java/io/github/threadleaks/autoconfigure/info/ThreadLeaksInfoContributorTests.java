package io.github.threadleaks.autoconfigure.info;

import java.util.Map;

import io.github.threadleaks.autoconfigure.ThreadLeaksAutoConfiguration;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.ThreadLeaksSettings;
import io.github.threadleaks.core.virtual.PlatformAndVirtualMonitors;
import io.github.threadleaks.junit.VerifyNoThreadLeaks;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code threadleaks} entry of {@code /actuator/info}: what it holds, and what turns
 * it off.
 */
@VerifyNoThreadLeaks
class ThreadLeaksInfoContributorTests {

	// A long interval: the sampler takes one sample at start and no other during a test.
	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadLeaksAutoConfiguration.class,
				ThreadLeaksInfoContributorAutoConfiguration.class))
		.withPropertyValues("threadleaks.sample-interval=1h", "threadleaks.window=40");

	@Test
	void contributesVersionStatusAndSettings() {
		this.contextRunner
			.withPropertyValues("threadleaks.creation-site.enabled=false", "threadleaks.virtual-threads.enabled=false")
			.run((context) -> {
				Info.Builder builder = new Info.Builder();
				context.getBean(ThreadLeaksInfoContributor.class).contribute(builder);
				Map<String, Object> details = builder.build().getDetails();
				assertThat(details).containsOnlyKeys("threadleaks");
				assertThat(details.get("threadleaks")).asInstanceOf(InstanceOfAssertFactories.MAP)
					.containsEntry("status", "OK")
					.containsKeys("samples")
					.hasEntrySatisfying("version",
							(version) -> assertThat(version).asString().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"))
					.extractingByKey("settings", InstanceOfAssertFactories.MAP)
					.containsEntry("sampleInterval", "PT1H")
					.containsEntry("window", 40)
					.containsEntry("minGrowth", 10)
					.containsEntry("creationSites", "OFF")
					.containsEntry("virtualThreads", "DISABLED");
			});
	}

	@Test
	void offWithItsOwnPropertyOrWithTheInfoDefaults() {
		this.contextRunner.withPropertyValues("management.info.threadleaks.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ThreadLeaksInfoContributor.class));
		this.contextRunner.withPropertyValues("management.info.defaults.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ThreadLeaksInfoContributor.class));
	}

	@Test
	void offWithTheRestOfThreadLeaks() {
		this.contextRunner.withPropertyValues("threadleaks.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(InfoContributor.class));
	}

	@Test
	void anApplicationsOwnContributorWins() {
		this.contextRunner
			.withBean("mine", ThreadLeaksInfoContributor.class,
					() -> new ThreadLeaksInfoContributor(
							new PlatformAndVirtualMonitors(new ThreadLeakMonitor(ThreadLeaksSettings.defaults())),
							ThreadLeaksSettings.defaults()))
			.run((context) -> assertThat(context).hasSingleBean(ThreadLeaksInfoContributor.class).hasBean("mine"));
	}

	@Test
	void withoutTheActuatorThereIsNoContributorAndNoFailure() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(InfoContributor.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(ThreadLeakMonitor.class)
				.doesNotHaveBean(ThreadLeaksInfoContributor.class));
	}

}
