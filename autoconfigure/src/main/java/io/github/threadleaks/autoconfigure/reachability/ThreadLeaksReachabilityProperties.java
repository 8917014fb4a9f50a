package io.github.threadleaks.autoconfigure.reachability;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the reachability verdict.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("threadleaks.reachability")
public class ThreadLeaksReachabilityProperties {

	/**
	 * Whether GET /actuator/threadleaks/{id}/reachability answers. Each request takes a
	 * heap dump of live objects, which pauses the application and needs free disk of
	 * about 1.5 times the live heap, and memory for the analysis of several times the
	 * live heap.
	 */
	private boolean enabled;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
