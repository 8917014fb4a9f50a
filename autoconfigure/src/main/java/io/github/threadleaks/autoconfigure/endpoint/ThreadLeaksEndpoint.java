package io.github.threadleaks.autoconfigure.endpoint;

import io.github.threadleaks.core.ThreadLeakMonitor;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@link Endpoint @Endpoint} that shows the latest thread leak report, and one stack group with its member
 * threads. Reads what the sampler found last and never waits for a sample.
 */
@Endpoint(id = "threadleaks")
public class ThreadLeaksEndpoint {

	private final ThreadLeakMonitor monitor;

	public ThreadLeaksEndpoint(ThreadLeakMonitor monitor) {
		this.monitor = monitor;
	}

	@ReadOperation
	public ThreadLeaksDescriptor report() {
		return ThreadLeaksDescriptor.of(this.monitor.report());
	}

	@ReadOperation
	public @Nullable StackGroupDetailDescriptor group(@Selector String id) {
		return this.monitor.group(id).map(StackGroupDetailDescriptor::of).orElse(null);
	}

}
