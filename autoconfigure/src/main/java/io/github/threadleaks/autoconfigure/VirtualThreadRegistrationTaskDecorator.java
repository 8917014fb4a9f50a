package io.github.threadleaks.autoconfigure;

import io.github.threadleaks.core.virtual.VirtualThreadRegistry;

import org.springframework.core.task.TaskDecorator;

/**
 * Registers the virtual thread that runs a task for as long as the task runs, so that a
 * task that never ends stays registered and is sampled: where the JVM's thread containers
 * are closed, this is how threadleaks sees the tasks of the executor and scheduler Spring
 * Boot configures, which apply every {@link TaskDecorator} bean in order.
 */
final class VirtualThreadRegistrationTaskDecorator implements TaskDecorator {

	/**
	 * The container the registered task threads' groups show; their names tell executor
	 * from scheduler.
	 */
	static final String LABEL = "spring task";

	private final VirtualThreadRegistry registry;

	VirtualThreadRegistrationTaskDecorator(VirtualThreadRegistry registry) {
		this.registry = registry;
	}

	@Override
	public Runnable decorate(Runnable task) {
		return () -> {
			try (VirtualThreadRegistry.Registration registration = this.registry.register(LABEL)) {
				task.run();
			}
		};
	}

}
