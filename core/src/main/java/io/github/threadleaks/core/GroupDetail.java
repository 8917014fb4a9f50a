package io.github.threadleaks.core;

import java.util.List;

/**
 * One stack group with its member threads, oldest-stuck first.
 *
 * @param group the group
 * @param threads its members
 */
public record GroupDetail(StackGroupReport group, List<MemberThread> threads) {

	public GroupDetail {
		threads = List.copyOf(threads);
	}

}
