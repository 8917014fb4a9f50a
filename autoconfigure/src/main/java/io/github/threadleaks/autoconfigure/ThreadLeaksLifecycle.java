package io.github.threadleaks.autoconfigure;

import io.github.threadleaks.core.BackgroundTask;

import org.springframework.context.SmartLifecycle;

/**
 * Runs one of the engine's {@link BackgroundTask background tasks} while the application
 * context runs, in the given lifecycle phase: started with the context, stopped, and its
 * thread ended, with it.
 *
 * @since 0.1.0
 */
public class ThreadLeaksLifecycle implements SmartLifecycle {

	private final BackgroundTask task;

	private final int phase;

	/**
	 * The given task in the given phase.
	 * @param task the task to start and stop
	 * @param phase the lifecycle phase: lower starts earlier and stops later
	 */
	public ThreadLeaksLifecycle(BackgroundTask task, int phase) {
		this.task = task;
		this.phase = phase;
	}

	@Override
	public void start() {
		this.task.start();
	}

	@Override
	public void stop() {
		this.task.stop();
	}

	@Override
	public boolean isRunning() {
		return this.task.isRunning();
	}

	@Override
	public int getPhase() {
		return this.phase;
	}

}
