package io.github.threadleaks.autoconfigure.web;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A small web application with the starter and Spring Security, secured as
 * docs/security-and-operations.md advises: health open to all (its details only to
 * signed-in users), every other actuator endpoint for the {@code ACTUATOR} role.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class SecuredActuatorApplication {

	/** A user with the {@code ACTUATOR} role. */
	static final String OPERATOR = "ops";

	/** A signed-in user without it. */
	static final String DEVELOPER = "dev";

	static final String PASSWORD = "secret";

	@Bean
	SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
		http.securityMatcher(EndpointRequest.toAnyEndpoint())
			.authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.to("health"))
				.permitAll()
				.anyRequest()
				.hasRole("ACTUATOR"))
			.httpBasic(Customizer.withDefaults())
			// Scripts call the endpoints with basic credentials and no session: no CSRF
			// token to send.
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

	@Bean
	UserDetailsService users() {
		InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(
				User.withUsername(OPERATOR).password("{noop}" + PASSWORD).roles("ACTUATOR").build(),
				User.withUsername(DEVELOPER).password("{noop}" + PASSWORD).roles("USER").build());
		// Only the lookup: a manager that can update passwords gets them upgraded to
		// BCrypt on sign-in, and then
		// every request of the load test would spend about 100ms of CPU checking one.
		return users::loadUserByUsername;
	}

}
