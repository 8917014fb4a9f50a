package io.github.threadleaks.sample.virtual;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Executors that start a virtual thread per task, reached by reflection: the app is
 * compiled for Java 17.
 */
final class VirtualThreadExecutors {

	private VirtualThreadExecutors() {
	}

	/**
	 * A new virtual-thread-per-task executor.
	 * @throws ResponseStatusException 501 where the JVM has no virtual threads (before
	 * JDK 21)
	 */
	static ExecutorService newPerTaskExecutor() {
		try {
			return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
		}
		catch (ReflectiveOperationException ex) {
			throw new ResponseStatusException(HttpStatus.NOT_IMPLEMENTED,
					"Virtual threads need JDK 21+; this JVM is " + System.getProperty("java.version"));
		}
	}

}
