package io.github.threadleaks.autoconfigure.reachability;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

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
	 * about 1.5 times the live heap; the dump is read in a child JVM, not in the
	 * application's heap.
	 */
	private boolean enabled;

	private final Analysis analysis = new Analysis();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Analysis getAnalysis() {
		return this.analysis;
	}

	/**
	 * The child JVM that reads each heap dump.
	 *
	 * @since 0.1.0
	 */
	public static class Analysis {

		/**
		 * Maximum heap (-Xmx) of the child JVM that reads the heap dump, at least 64MB.
		 * It needs about 0.8 times the live heap of the application; a dump that needs
		 * more is refused with 503.
		 */
		private DataSize maxHeap = DataSize.ofGigabytes(1);

		/**
		 * How long the child JVM may read the heap dump before it is killed and the
		 * request answered 503. Must be positive.
		 */
		private Duration timeout = Duration.ofMinutes(5);

		public DataSize getMaxHeap() {
			return this.maxHeap;
		}

		public void setMaxHeap(DataSize maxHeap) {
			this.maxHeap = maxHeap;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

}
