package io.github.threadleaks.testlibrary;

import java.util.concurrent.ThreadFactory;

/**
 * Stands for a library outside the application's packages that starts threads on the
 * application's behalf.
 */
public final class WorkerLibrary {

	private WorkerLibrary() {
	}

	/**
	 * Starts the task on a thread of the given factory, as a client library starts its
	 * I/O thread.
	 */
	public static Thread startWorker(ThreadFactory factory, Runnable task) {
		Thread thread = factory.newThread(task);
		thread.start();
		return thread;
	}

}
