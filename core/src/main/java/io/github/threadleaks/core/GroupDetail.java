package io.github.threadleaks.core;

import java.util.List;

/**
 * One stack group with its member threads, oldest-stuck first, at most
 * {@value #MAX_THREADS} of them.
 *
 * @param group the group
 * @param threads its longest-stuck members
 * @param omittedThreads how many further members were left out, 0 if none
 * @since 0.1.0
 */
public record GroupDetail(StackGroupReport group, List<MemberThread> threads, int omittedThreads) {

	/**
	 * The most members listed: a leak of a million threads must not make a million-entry
	 * answer.
	 */
	public static final int MAX_THREADS = 1000;

	public GroupDetail {
		threads = List.copyOf(threads);
	}

	/** A group with all its members listed. */
	public GroupDetail(StackGroupReport group, List<MemberThread> threads) {
		this(group, threads, 0);
	}

}
