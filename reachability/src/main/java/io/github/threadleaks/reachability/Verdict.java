package io.github.threadleaks.reachability;

/**
 * What a heap dump says about whether a group's threads can ever wake.
 *
 * @since 0.1.0
 */
public enum Verdict {

	/**
	 * Proven: nothing outside the blocked threads themselves can reach what they wait on.
	 */
	UNREACHABLE,

	/**
	 * Something outside the blocked threads reaches what they wait on; the path names it.
	 */
	REACHABLE,

	/**
	 * The question does not apply: the threads run, sleep with a timeout, sit in I/O, or
	 * wait on something the heap dump does not name.
	 */
	NOT_APPLICABLE

}
