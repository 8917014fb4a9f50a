package io.github.threadleaks.reachability;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import shark.GcRoot;
import shark.HeapField;
import shark.HeapGraph;
import shark.HeapObject;
import shark.HeapObject.HeapClass;
import shark.HeapObject.HeapInstance;
import shark.HeapObject.HeapObjectArray;

/**
 * Go's goroutine leak fixpoint on a JVM heap dump. Marks from every GC root except the
 * candidates' own stacks and {@code Thread} objects (a worker → executor → queue chain
 * must not keep its own blocker alive); a candidate whose blocker gets marked could be
 * woken, so it becomes a root too; repeat until nothing changes. A candidate whose
 * blocker stays unmarked can never wake. Marking is breadth first, so each object's
 * parent chain is a shortest path.
 */
final class WakeFixpoint {

	private final HeapGraph graph;

	private final ObjectMarks marked;

	private final ReferenceFields references;

	private final ObjectIds ids;

	/** The object of index 0, which Shark's {@code findObjectByIndex} refuses. */
	private final HeapObject first;

	/** What each root is, by object index. */
	private final Map<Integer, String> rootNames = new HashMap<>();

	/**
	 * The {@code Thread} objects of candidates not woken yet, by index: marking stops at
	 * them.
	 */
	private final BitSet asleep = new BitSet();

	private WakeFixpoint(HeapGraph graph) {
		this.graph = graph;
		this.ids = ObjectIds.of(graph);
		this.marked = new ObjectMarks(this.ids.size());
		this.first = graph.getClasses().iterator().next();
		this.references = new ReferenceFields(graph);
	}

	/**
	 * Runs the fixpoint.
	 * @param graph the heap dump
	 * @param blocked the threads blocked without a timeout throughout the dump, by id:
	 * the candidates
	 * @return for each candidate found in the dump with a known blocker, by thread id,
	 * whether it could be woken
	 */
	static Result run(HeapGraph graph, Map<Long, BlockedThread> blocked) {
		return new WakeFixpoint(graph).run(blocked);
	}

	private Result run(Map<Long, BlockedThread> blocked) {
		Map<Integer, HeapThread> threads = new HashMap<>();
		for (GcRoot root : this.graph.getGcRoots()) {
			if (root instanceof GcRoot.ThreadObject threadRoot) {
				HeapObject object = this.graph.findObjectByIdOrNull(threadRoot.getId());
				HeapThread thread = (object != null) ? HeapThread.read(threadRoot.getThreadSerialNumber(), object)
						: null;
				if (thread != null) {
					threads.put(thread.serial(), thread);
				}
			}
		}
		Map<Integer, List<GcRoot>> stacks = new HashMap<>();
		for (GcRoot root : this.graph.getGcRoots()) {
			int serial = threadSerial(root);
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
		for (GcRoot root : this.graph.getGcRoots()) {
			int serial = (root instanceof GcRoot.ThreadObject threadRoot) ? threadRoot.getThreadSerialNumber()
					: threadSerial(root);
			if (!candidates.containsKey(serial)) {
				markRoot(root.getId(), rootName(root, threads));
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
	private long blocker(HeapThread thread, BlockedThread census, List<GcRoot> stack) {
		if (thread.parkBlocker() != 0) {
			return thread.parkBlocker();
		}
		if (census.lockClass() == null) {
			return 0;
		}
		// Best effort: the nearest frame reference of the lock's class (the dump does not
		// carry identity hashes).
		return stack.stream()
			.filter(GcRoot.JavaFrame.class::isInstance)
			.map(GcRoot.JavaFrame.class::cast)
			.sorted(Comparator.comparingInt(GcRoot.JavaFrame::getFrameNumber))
			.map(GcRoot::getId)
			.filter((id) -> census.lockClass().equals(className(this.graph.findObjectByIdOrNull(id))))
			.findFirst()
			.orElse(0L);
	}

	private void wake(Candidate candidate, List<GcRoot> stack) {
		HeapThread thread = candidate.thread();
		int object = index(thread.objectId());
		this.asleep.clear(object);
		if (!markRoot(thread.objectId(), "thread \"" + thread.name() + "\"")) {
			// Marked while asleep, never expanded: expand it now.
			this.marked.enqueue(object);
		}
		for (GcRoot root : stack) {
			markRoot(root.getId(), "thread stack of \"" + thread.name() + "\"");
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
		while (this.marked.hasNext()) {
			int index = this.marked.next();
			if (this.asleep.get(index)) {
				continue;
			}
			HeapObject object = object(index);
			if (object instanceof HeapInstance instance) {
				for (long field : this.references.of(instance)) {
					visit(field, index);
				}
			}
			else if (object instanceof HeapObjectArray array) {
				for (long element : array.readRecord().getElementIds()) {
					visit(element, index);
				}
			}
			else if (object instanceof HeapClass type) {
				for (Iterator<HeapField> fields = type.readStaticFields().iterator(); fields.hasNext();) {
					Long value = fields.next().getValue().getAsNonNullObjectId();
					if (value != null) {
						visit(value, index);
					}
				}
				visit(type.readRecord().getClassLoaderId(), index);
			}
		}
	}

	private void visit(long child, int parent) {
		int object = index(child);
		if (object >= 0) {
			this.marked.mark(object, parent);
		}
	}

	/**
	 * The object's index in the dump, -1 for null, a primitive array (no references, left
	 * unmarked) or an object the dump does not hold.
	 */
	private int index(long id) {
		return this.ids.indexOf(id);
	}

	private HeapObject object(int index) {
		return (index == this.first.getObjectIndex()) ? this.first : this.graph.findObjectByIndex(index);
	}

	/**
	 * The shortest path from a root to a marked object, starting at the static field
	 * nearest to it if any.
	 */
	List<PathStep> pathTo(long object) {
		List<Long> chain = new ArrayList<>();
		for (int index = index(object); index != ObjectMarks.ROOT; index = this.marked.parent(index)) {
			chain.add(0, this.ids.idOf(index));
		}
		List<PathStep> steps = new ArrayList<>();
		steps.add(new PathStep(this.rootNames.getOrDefault(index(chain.get(0)), "root"), describe(chain.get(0))));
		for (int i = 1; i < chain.size(); i++) {
			steps.add(new PathStep(reference(chain.get(i - 1), chain.get(i)), describe(chain.get(i))));
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

	private String reference(long parent, long child) {
		HeapObject object = this.graph.findObjectById(parent);
		if (object instanceof HeapInstance instance) {
			for (Iterator<HeapField> fields = instance.readFields().iterator(); fields.hasNext();) {
				HeapField field = fields.next();
				if (Long.valueOf(child).equals(field.getValue().getAsNonNullObjectId())) {
					return "field " + field.getDeclaringClass().getSimpleName() + "." + field.getName();
				}
			}
		}
		else if (object instanceof HeapObjectArray array) {
			long[] elements = array.readRecord().getElementIds();
			for (int i = 0; i < elements.length; i++) {
				if (elements[i] == child) {
					return "array element [" + i + "]";
				}
			}
		}
		else if (object instanceof HeapClass type) {
			for (Iterator<HeapField> fields = type.readStaticFields().iterator(); fields.hasNext();) {
				HeapField field = fields.next();
				if (Long.valueOf(child).equals(field.getValue().getAsNonNullObjectId())) {
					return "static field " + type.getName() + "." + field.getName();
				}
			}
			return "class loader";
		}
		return "reference";
	}

	private String describe(long id) {
		HeapObject object = this.graph.findObjectByIdOrNull(id);
		if (object instanceof HeapClass type) {
			return "class " + type.getName();
		}
		String name = className(object);
		return (name != null) ? name : "object";
	}

	private static @Nullable String className(@Nullable HeapObject object) {
		if (object instanceof HeapInstance instance) {
			return instance.getInstanceClassName();
		}
		if (object instanceof HeapObjectArray array) {
			return array.getArrayClassName();
		}
		if (object instanceof HeapClass) {
			return "java.lang.Class";
		}
		return null;
	}

	private static int threadSerial(GcRoot root) {
		if (root instanceof GcRoot.JavaFrame frame) {
			return frame.getThreadSerialNumber();
		}
		if (root instanceof GcRoot.JniLocal local) {
			return local.getThreadSerialNumber();
		}
		if (root instanceof GcRoot.NativeStack nativeStack) {
			return nativeStack.getThreadSerialNumber();
		}
		if (root instanceof GcRoot.ThreadBlock block) {
			return block.getThreadSerialNumber();
		}
		return 0;
	}

	private static String rootName(GcRoot root, Map<Integer, HeapThread> threads) {
		if (root instanceof GcRoot.ThreadObject threadRoot) {
			return "thread " + threadName(threadRoot.getThreadSerialNumber(), threads);
		}
		int serial = threadSerial(root);
		if (root instanceof GcRoot.JavaFrame) {
			return "thread stack of " + threadName(serial, threads);
		}
		if (serial != 0) {
			return "native stack of " + threadName(serial, threads);
		}
		if (root instanceof GcRoot.StickyClass) {
			return "system class";
		}
		if (root instanceof GcRoot.JniGlobal) {
			return "JNI global reference";
		}
		return root.getClass().getSimpleName();
	}

	private static String threadName(int serial, Map<Integer, HeapThread> threads) {
		HeapThread thread = threads.get(serial);
		return (thread != null) ? "\"" + thread.name() + "\"" : "thread #" + serial;
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
			String name = className(this.fixpoint.graph.findObjectByIdOrNull(candidate.blocker()));
			return (name != null) ? name : "object";
		}

	}

}
