package io.github.threadleaks.autoconfigure;

import io.github.threadleaks.core.VirtualThreadMonitor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Dumps the virtual threads at their own cadence while the application context runs, on one daemon thread named
 * {@value VirtualThreadMonitor#THREAD_NAME}; starts nothing where virtual threads are unavailable or turned off.
 * Stopping the context ends the thread. On JDK 25 and later it warns once at start that a thread dump taken while
 * virtual threads run has crashed the JVM there (see docs/virtual-threads.md).
 */
public class VirtualThreadSampler implements SmartLifecycle {

	/** The first JDK whose dumps crashed the JVM here (JDK 25.0.3); JDK 21 to 24 write dumps another way. */
	static final int FIRST_AFFECTED_JDK = 25;

	private static final Log logger = LogFactory.getLog(VirtualThreadSampler.class);

	private final VirtualThreadMonitor monitor;

	/**
	 * A sampler of the given monitor.
	 * @param monitor the monitor of the virtual threads
	 */
	public VirtualThreadSampler(VirtualThreadMonitor monitor) {
		this.monitor = monitor;
	}

	@Override
	public void start() {
		if (this.monitor.isAvailable() && !isRunning() && Runtime.version().feature() >= FIRST_AFFECTED_JDK) {
			logger.warn("Virtual threads are watched by thread dumps (threadleaks.virtual-threads.enabled=true). "
					+ "On JDK 25.0.3 a thread dump taken while virtual threads run crashed the JVM within a few dozen "
					+ "dumps (JDK-8364343); this JVM is " + System.getProperty("java.version")
					+ ". Turn it on only where virtual threads are idle, or on a JDK build with that bug fixed.");
		}
		this.monitor.start();
	}

	@Override
	public void stop() {
		this.monitor.stop();
	}

	@Override
	public boolean isRunning() {
		return this.monitor.isRunning();
	}

}
