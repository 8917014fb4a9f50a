package io.github.threadleaks.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A group's members as of one sample, kept as arrays: the sorted {@link GroupDetail} is
 * built only when someone asks for it, not every sample.
 */
record GroupMembers(StackGroupReport group, ThreadCensus[] threads, long[] stuckForMillis, boolean[] deadlocked) {

	static GroupMembers of(StackGroupReport group, List<TrackedThread> members, long now) {
		int size = members.size();
		ThreadCensus[] threads = new ThreadCensus[size];
		long[] stuckFor = new long[size];
		boolean[] deadlocked = new boolean[size];
		for (int i = 0; i < size; i++) {
			TrackedThread member = members.get(i);
			threads[i] = member.census;
			stuckFor[i] = now - member.stillSinceMillis;
			deadlocked[i] = member.deadlocked;
		}
		return new GroupMembers(group, threads, stuckFor, deadlocked);
	}

	GroupDetail detail() {
		List<MemberThread> list = new ArrayList<>(this.threads.length);
		for (int i = 0; i < this.threads.length; i++) {
			ThreadCensus census = this.threads[i];
			list.add(new MemberThread(census.id(),
					Objects.requireNonNull(ThreadNames.cut(census.name(), ThreadNames.MAX_LENGTH)), census.state(),
					census.daemon(), this.stuckForMillis[i], this.deadlocked[i]));
		}
		list.sort(
				Comparator.comparingLong(MemberThread::stuckForMillis).reversed().thenComparingLong(MemberThread::id));
		int listed = Math.min(list.size(), GroupDetail.MAX_THREADS);
		return new GroupDetail(this.group, list.subList(0, listed), list.size() - listed);
	}

}
