package io.github.threadleaks.core;

/**
 * The verdict over all threads.
 *
 * @since 0.1.0
 */
public enum LeakStatus {

	/** No stack group is suspected. */
	OK,

	/** At least one stack group is suspected of leaking. */
	LEAK_SUSPECTED

}
