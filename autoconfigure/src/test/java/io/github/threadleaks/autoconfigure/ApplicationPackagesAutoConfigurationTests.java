package io.github.threadleaks.autoconfigure;

import java.util.List;

import io.github.threadleaks.core.creation.ApplicationPackages;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which code creation sites take for the application's own: the packages Spring Boot's
 * auto-configuration scans, unless {@code threadleaks.creation-site.application-packages}
 * says otherwise.
 */
class ApplicationPackagesAutoConfigurationTests {

	@Test
	void theAutoConfigurationPackagesAreTheApplicationsByDefault() {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		AutoConfigurationPackages.register(beanFactory, "com.acme.orders");
		assertThat(ThreadLeaksAutoConfiguration.applicationPackages(List.of(), beanFactory).packages())
			.containsExactly("com.acme.orders");
	}

	@Test
	void thePropertyOverridesThem() {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		AutoConfigurationPackages.register(beanFactory, "com.acme.orders");
		assertThat(
				ThreadLeaksAutoConfiguration.applicationPackages(List.of("com.acme", "org.example.shared"), beanFactory)
					.packages())
			.containsExactly("com.acme", "org.example.shared");
	}

	@Test
	void withNeitherTheRuleWithoutPackagesApplies() {
		assertThat(ThreadLeaksAutoConfiguration.applicationPackages(List.of(), new DefaultListableBeanFactory()))
			.isSameAs(ApplicationPackages.UNKNOWN);
	}

}
