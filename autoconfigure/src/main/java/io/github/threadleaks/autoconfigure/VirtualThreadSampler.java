package io.github.threadleaks.autoconfigure;

import java.util.concurrent.atomic.AtomicBoolean;

import io.github.threadleaks.core.VirtualThreadsReport;
import io.github.threadleaks.core.virtual.ContainerThreadSource;
import io.github.threadleaks.core.virtual.VirtualThreadMonitor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Lists the virtual threads at their own cadence while the application context runs, on
 * one daemon thread named {@value VirtualThreadMonitor#THREAD_NAME}; starts nothing where
 * virtual threads are unavailable or turned off. Stopping the context ends the thread.
 * Where a JDK 21+ JVM cannot list them all safely, it says once at start, at INFO, how to
 * turn them on.
 *
 * @since 0.1.0
 */
public class VirtualThreadSampler extends ThreadLeaksLifecycle {

	private static final Log logger = LogFactory.getLog(VirtualThreadSampler.class);

	private final VirtualThreadMonitor monitor;

	private final AtomicBoolean explained = new AtomicBoolean();

	/**
	 * A sampler of the given monitor.
	 * @param monitor the monitor of the virtual threads
	 */
	public VirtualThreadSampler(VirtualThreadMonitor monitor) {
		super(monitor, DEFAULT_PHASE);
		this.monitor = monitor;
	}

	@Override
	public void start() {
		VirtualThreadsReport status = this.monitor.status();
		if (status.status() == VirtualThreadsReport.Status.UNAVAILABLE && Runtime.version().feature() >= 21
				&& this.explained.compareAndSet(false, true)) {
			logger.info(howToTurnOn(status.reason()));
		}
		if (status.source() == VirtualThreadsReport.Source.REGISTERED && this.explained.compareAndSet(false, true)) {
			logger.info(howToWatchAll(status.reason()));
		}
		super.start();
	}

	/** What start-up says where a JDK 21+ JVM cannot list its virtual threads safely. */
	static String howToTurnOn(@Nullable String reason) {
		return "Virtual threads are not watched: " + reason + ". To watch them, start the JVM with " + howToPassFlag();
	}

	/** What start-up says where only the virtual threads Spring starts are watched. */
	static String howToWatchAll(@Nullable String reason) {
		// The reason says which threads are watched; this only adds how to watch all.
		return "Virtual threads: " + reason + ". To watch every virtual thread, start the JVM with " + howToPassFlag();
	}

	private static String howToPassFlag() {
		String flag = ContainerThreadSource.JVM_FLAG;
		return flag + ": java " + flag + " -jar app.jar; with the Spring Boot Maven plugin, <jvmArguments>" + flag
				+ "</jvmArguments>; in a container image, JAVA_TOOL_OPTIONS=\"" + flag.replace(" ", "=")
				+ "\". Set threadleaks.virtual-threads.enabled=false to silence this.";
	}

}
