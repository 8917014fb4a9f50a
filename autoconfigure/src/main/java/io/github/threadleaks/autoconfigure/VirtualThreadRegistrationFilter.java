package io.github.threadleaks.autoconfigure;

import java.io.IOException;

import io.github.threadleaks.core.virtual.VirtualThreadRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/**
 * Registers the virtual thread that serves a request for as long as it runs the rest of
 * the filter chain, so that a handler that never returns stays registered and is sampled:
 * where the JVM's thread containers are closed, this is how threadleaks sees request
 * threads. Platform threads and nested dispatches are left as they are.
 */
final class VirtualThreadRegistrationFilter implements Filter {

	/** The container the registered request threads' groups show. */
	static final String LABEL = "http request";

	private final VirtualThreadRegistry registry;

	VirtualThreadRegistrationFilter(VirtualThreadRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		try (VirtualThreadRegistry.Registration registration = this.registry.register(LABEL)) {
			chain.doFilter(request, response);
		}
	}

}
