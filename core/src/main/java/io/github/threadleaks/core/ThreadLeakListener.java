package io.github.threadleaks.core;

/**
 * Hears what the engine decides: adapters for logs, metrics and events implement what
 * they need. Called on the sampling thread after each sample; an exception thrown here is
 * caught and does not stop sampling.
 *
 * @since 0.1.0
 */
public interface ThreadLeakListener {

	/** A sample was taken. */
	default void sampled(ThreadLeakReport report) {
	}

	/** A group became suspected. */
	default void suspected(StackGroupReport group) {
	}

	/** A suspected group's count fell back, or the group went away. */
	default void cleared(StackGroupReport group) {
	}

	/** A sample failed; the next one will be tried as usual. */
	default void sampleFailed(Throwable failure) {
	}

}
