package io.github.threadleaks.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.github.threadleaks.core.creation.CreationSiteTracker;

/**
 * Creation sites: where each leaking thread was started, from JFR's thread start events.
 *
 * @since 0.1.0
 */
public class CreationSiteProperties {

	/**
	 * Whether to record where threads are started (JFR 'jdk.ThreadStart' events with the
	 * starter's stack) and report each stack group's creation sites. Where JFR is
	 * unavailable the report says so and the rest works.
	 */
	private boolean enabled = true;

	/**
	 * Maximum number of live threads whose creation site is held; beyond it the oldest
	 * are forgotten first. Between 1 and 10000000.
	 */
	private int maxThreads = CreationSiteTracker.DEFAULT_MAX_THREADS;

	/**
	 * Packages of the application's own code (sub-packages included), so that a creation
	 * site names the application's line first and the library that started the thread
	 * after it ('created by com.acme.Orders.fetch(line 42) via io.netty...execute').
	 * Defaults to the packages Spring Boot's auto-configuration scans (those of the
	 * '@SpringBootApplication' class); where there are none, the first frame outside the
	 * JDK and outside the library that started the thread.
	 */
	private List<String> applicationPackages = new ArrayList<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getMaxThreads() {
		return this.maxThreads;
	}

	public void setMaxThreads(int maxThreads) {
		this.maxThreads = maxThreads;
	}

	public List<String> getApplicationPackages() {
		return this.applicationPackages;
	}

	public void setApplicationPackages(List<String> applicationPackages) {
		this.applicationPackages = applicationPackages;
	}

}
