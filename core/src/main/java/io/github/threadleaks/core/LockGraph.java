package io.github.threadleaks.core;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The wait-for graph of a census: each thread points to the owner of the lock it waits
 * on.
 */
final class LockGraph {

	private LockGraph() {
	}

	/**
	 * Whether following lock owners from some thread leads back to a thread already on
	 * the path.
	 */
	static boolean hasCycle(List<ThreadCensus> census) {
		Set<Long> owners = new HashSet<>();
		for (ThreadCensus thread : census) {
			if (thread.lockOwnerId() >= 0) {
				owners.add(thread.lockOwnerId());
			}
		}
		// Every thread on a cycle both waits for an owner and owns what another waits
		// for: only those can be on one.
		Map<Long, Long> ownerOf = new HashMap<>();
		for (ThreadCensus thread : census) {
			if (thread.lockOwnerId() >= 0 && owners.contains(thread.id())) {
				ownerOf.put(thread.id(), thread.lockOwnerId());
			}
		}
		if (ownerOf.size() < 2) {
			return false;
		}
		Map<Long, Long> visitedFrom = new HashMap<>();
		for (Long start : ownerOf.keySet()) {
			Long current = start;
			while (current != null && !visitedFrom.containsKey(current)) {
				visitedFrom.put(current, start);
				current = ownerOf.get(current);
			}
			if (current != null && start.equals(visitedFrom.get(current))) {
				return true;
			}
		}
		return false;
	}

}
