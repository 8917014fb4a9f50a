package io.github.threadleaks.autoconfigure;

import java.time.Duration;

import io.github.threadleaks.core.virtual.VirtualThreadSettings;
import org.jspecify.annotations.Nullable;

/**
 * Virtual threads (JDK 21+), listed through the JDK's thread containers at a cadence of
 * their own. The defaults are the engine's ({@link VirtualThreadSettings#defaults()}).
 *
 * @since 0.1.0
 */
public class VirtualThreadsProperties {

	private static final VirtualThreadSettings DEFAULTS = VirtualThreadSettings.defaults();

	/**
	 * Whether to watch virtual threads too where the JVM can list them safely: on JDK 21+
	 * started with '--add-exports java.base/jdk.internal.vm=ALL-UNNAMED', or, without it,
	 * the ones Spring starts for requests and tasks where
	 * 'spring.threads.virtual.enabled' is true. Elsewhere they are reported as
	 * unavailable, with the reason.
	 */
	private boolean enabled = DEFAULTS.enabled();

	/**
	 * How often to list the virtual threads while listings stay within 'max-sample-time';
	 * by default 'threadleaks.sample-interval', the platform threads' cadence (a steady
	 * listing walks only the stacks that moved). At least 100ms.
	 */
	private @Nullable Duration interval;

	/**
	 * Budget of one listing of the virtual threads; a listing that takes longer doubles
	 * the interval, up to 'max-interval', and listings within half the budget halve it
	 * again. At least 1ms.
	 */
	private Duration maxSampleTime = DEFAULTS.maxSampleTime();

	/**
	 * Longest interval the listings are stretched to when over budget. At least
	 * 'interval' and 100ms.
	 */
	private Duration maxInterval = DEFAULTS.maxInterval();

	/**
	 * Most virtual threads one listing lists; the threads past it are left out of that
	 * listing. Without the JVM option, also the most threads registered at once. At least
	 * 1.
	 */
	private int maxThreads = DEFAULTS.maxThreads();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable Duration getInterval() {
		return this.interval;
	}

	public void setInterval(@Nullable Duration interval) {
		this.interval = interval;
	}

	public Duration getMaxSampleTime() {
		return this.maxSampleTime;
	}

	public void setMaxSampleTime(Duration maxSampleTime) {
		this.maxSampleTime = maxSampleTime;
	}

	public Duration getMaxInterval() {
		return this.maxInterval;
	}

	public void setMaxInterval(Duration maxInterval) {
		this.maxInterval = maxInterval;
	}

	public int getMaxThreads() {
		return this.maxThreads;
	}

	public void setMaxThreads(int maxThreads) {
		this.maxThreads = maxThreads;
	}

}
