package io.github.threadleaks.reachability;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Go's goroutine leak fixpoint on a JVM heap dump. Marks from every GC root except the
 * candidates' own stacks and {@code Thread} objects (a worker → executor → queue chain
 * must not keep its own blocker alive); a candidate whose blocker gets marked could be
 * woken, so it becomes a root too; repeat until nothing changes. A candidate whose
 * blocker stays unmarked can never wake. Marking is breadth first, so each object's
 * parent chain is a shortest path.
 */
final class WakeFixpoint {

	private final HeapDump dump;

	private final ObjectTable objects;

	private final ObjectMarks marked;

	/** What each root is, by object index. */
	private final Map<Integer, String> rootNames = new HashMap<>();

	/**
	 * The {@code Thread} objects of candidates not woken yet, by index: marking stops at
	 * them.
	 */
	private final BitSet asleep = new BitSet();

	private WakeFixpoint(HeapDump dump) {
		this.dump = dump;
		this.objects = dump.objects();
		this.marked = new ObjectMarks(this.objects.size());
	}

	/**
	 * Runs the fixpoint.
	 * @param dump the heap dump
	 * @param blocked the threads blocked without a timeout throughout the dump, by id:
	 * the candidates
	 * @return for each candidate found in the dump with a known blocker, by thread id,
	 * whether it could be woken
	 */
	static Result run(HeapDump dump, Map<Long, BlockedThread> blocked) {
		return new WakeFixpoint(dump).run(blocked);
	}

	private Result run(Map<Long, BlockedThread> blocked) {
		Map<Integer, HeapThread> threads = new HashMap<>();
		for (HeapThread thread : this.dump.threads()) {
			threads.put(thread.serial(), thread);
		}
		Map<Integer, List<HeapRoot>> stacks = new HashMap<>();
		for (HeapRoot root : this.dump.roots()) {
			int serial = root.stackSerial();
			if (serial != 0) {
				stacks.computeIfAbsent(serial, (key) -> new ArrayList<>()).add(root);
			}
		}
		Map<Integer, Candidate> candidates = new LinkedHashMap<>();
		for (HeapThread thread : threads.values()) {
			BlockedThread census = blocked.get(thread.id());
			if (census != null) {
				long blocker = blocker(thread, census, stacks.getOrDefault(thread.serial(), List.of()));
				// A thread waiting on something the dump does not name (or on an array of
				// primitives, which is not marked) may be woken by anything: it stays a
				// root.
				if (index(blocker) >= 0) {
					candidates.put(thread.serial(), new Candidate(thread, blocker));
					this.asleep.set(index(thread.objectId()));
				}
			}
		}
		for (HeapRoot root : this.dump.roots()) {
			if (!candidates.containsKey(root.threadSerial())) {
				markRoot(root.id(), RootNames.of(root, threads));
			}
		}
		drain();
		Map<Long, Candidate> woken = new LinkedHashMap<>();
		boolean changed = true;
		while (changed) {
			changed = false;
			for (Iterator<Candidate> it = candidates.values().iterator(); it.hasNext();) {
				Candidate candidate = it.next();
				int blocker = index(candidate.blocker());
				if (blocker >= 0 && this.marked.isMarked(blocker)) {
					it.remove();
					woken.put(candidate.thread().id(), candidate);
					wake(candidate, stacks.getOrDefault(candidate.thread().serial(), List.of()));
					changed = true;
				}
			}
			drain();
		}
		Map<Long, Candidate> sleeping = new LinkedHashMap<>();
		candidates.values().forEach((candidate) -> sleeping.put(candidate.thread().id(), candidate));
		return new Result(this, woken, sleeping);
	}

	/**
	 * What the thread waits on: its park blocker, else the census's lock found among its
	 * own frames' references.
	 */
	private long blocker(HeapThread thread, BlockedThread census, List<HeapRoot> stack) {
		if (thread.parkBlocker() != 0) {
			return thread.parkBlocker();
		}
		if (census.lockClass() == null) {
			return 0;
		}
		// Best effort: the nearest frame reference of the lock's class (the dump does not
		// carry identity hashes).
		return stack.stream()
			.filter((root) -> root.kind() == HeapRoot.JAVA_FRAME)
			.sorted(Comparator.comparingInt(HeapRoot::frame))
			.map(HeapRoot::id)
			.filter((id) -> census.lockClass().equals(this.dump.records().classOf(id)))
			.findFirst()
			.orElse(0L);
	}

	private void wake(Candidate candidate, List<HeapRoot> stack) {
		HeapThread thread = candidate.thread();
		int object = index(thread.objectId());
		this.asleep.clear(object);
		if (!markRoot(thread.objectId(), "thread \"" + thread.name() + "\"")) {
			// Marked while asleep, never expanded: expand it now.
			this.marked.enqueue(object);
		}
		for (HeapRoot root : stack) {
			markRoot(root.id(), "thread stack of \"" + thread.name() + "\"");
		}
	}

	private boolean markRoot(long id, String name) {
		int object = index(id);
		if (object < 0 || !this.marked.mark(object, ObjectMarks.ROOT)) {
			return false;
		}
		this.rootNames.put(object, name);
		return true;
	}

	private void drain() {
		ObjectTable objects = this.objects;
		ObjectMarks marked = this.marked;
		while (marked.hasNext()) {
			int index = marked.next();
			if (this.asleep.get(index)) {
				continue;
			}
			int end = objects.endEdge(index);
			for (int edge = objects.firstEdge(index); edge < end; edge++) {
				int child = objects.target(edge);
				if (child >= 0) {
					marked.mark(child, index);
				}
			}
		}
	}

	/**
	 * The object's index in the dump, -1 for null, a primitive array (no references, left
	 * unmarked) or an object the dump does not hold.
	 */
	private int index(long id) {
		return this.objects.indexOf(id);
	}

	/**
	 * The shortest path from a root to a marked object, starting at the static field
	 * nearest to it if any.
	 */
	List<PathStep> pathTo(long object) {
		List<Long> chain = new ArrayList<>();
		for (int index = index(object); index != ObjectMarks.ROOT; index = this.marked.parent(index)) {
			chain.add(0, this.objects.idOf(index));
		}
		HeapRecords records = this.dump.records();
		List<PathStep> steps = new ArrayList<>();
		steps.add(
				new PathStep(this.rootNames.getOrDefault(index(chain.get(0)), "root"), records.describe(chain.get(0))));
		for (int i = 1; i < chain.size(); i++) {
			steps.add(new PathStep(records.reference(chain.get(i - 1), chain.get(i)), records.describe(chain.get(i))));
		}
		// A loaded class keeps its statics for as long as its loader lives: how the class
		// is loaded says nothing.
		for (int i = steps.size() - 1; i > 0; i--) {
			if (steps.get(i).reference().startsWith("static field ")) {
				return List.copyOf(steps.subList(i, steps.size()));
			}
		}
		return steps;
	}

	/** A blocked thread with the object it waits on. */
	record Candidate(HeapThread thread, long blocker) {
	}

	/**
	 * The fixpoint's outcome.
	 *
	 * @param fixpoint the marking, for paths
	 * @param woken the candidates whose blocker got marked, by thread id
	 * @param sleeping the candidates nothing outside the blocked threads can reach, by
	 * thread id
	 */
	record Result(WakeFixpoint fixpoint, Map<Long, Candidate> woken, Map<Long, Candidate> sleeping) {

		/** The class of a candidate's blocker. */
		String blockerClass(Candidate candidate) {
			String name = this.fixpoint.dump.records().classOf(candidate.blocker());
			return (name != null) ? name : "object";
		}

	}

}
