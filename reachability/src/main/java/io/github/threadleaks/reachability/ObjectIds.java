package io.github.threadleaks.reachability;

import java.util.Arrays;
import java.util.Iterator;

import shark.HeapGraph;
import shark.HeapObject;

/**
 * The ids of a heap dump's classes, instances and object arrays by their index in Shark's
 * object index, where each of the three runs is sorted by id: finding an object's index
 * is a binary search over a {@code long[]}, several times cheaper than Shark's own lookup
 * (up to four searches through packed bytes, and a wrapper object, per reference).
 * Primitive arrays hold no references and are not in it.
 */
final class ObjectIds {

	private final long[] ids;

	private final int instancesFrom;

	private final int arraysFrom;

	private ObjectIds(long[] ids, int instancesFrom, int arraysFrom) {
		this.ids = ids;
		this.instancesFrom = instancesFrom;
		this.arraysFrom = arraysFrom;
	}

	static ObjectIds of(HeapGraph graph) {
		int instancesFrom = graph.getClassCount();
		int arraysFrom = instancesFrom + graph.getInstanceCount();
		long[] ids = new long[arraysFrom + graph.getObjectArrayCount()];
		fill(ids, graph.getClasses().iterator());
		fill(ids, graph.getInstances().iterator());
		fill(ids, graph.getObjectArrays().iterator());
		ObjectIds index = new ObjectIds(ids, instancesFrom, arraysFrom);
		if (!index.sorted(0, instancesFrom) || !index.sorted(instancesFrom, arraysFrom)
				|| !index.sorted(arraysFrom, ids.length)) {
			throw new IllegalStateException("The heap dump's object index is not sorted by id");
		}
		return index;
	}

	private static void fill(long[] ids, Iterator<? extends HeapObject> objects) {
		while (objects.hasNext()) {
			HeapObject object = objects.next();
			ids[object.getObjectIndex()] = object.getObjectId();
		}
	}

	/** How many objects there are. */
	int size() {
		return this.ids.length;
	}

	/**
	 * The index of the object with this id, -1 for 0, a primitive array or an id not in
	 * the dump.
	 */
	int indexOf(long id) {
		if (id == 0) {
			return -1;
		}
		int index = Arrays.binarySearch(this.ids, this.instancesFrom, this.arraysFrom, id);
		if (index < 0) {
			index = Arrays.binarySearch(this.ids, this.arraysFrom, this.ids.length, id);
		}
		if (index < 0) {
			index = Arrays.binarySearch(this.ids, 0, this.instancesFrom, id);
		}
		return Math.max(index, -1);
	}

	/** The id of the object at this index. */
	long idOf(int index) {
		return this.ids[index];
	}

	private boolean sorted(int from, int to) {
		for (int i = from + 1; i < to; i++) {
			if (this.ids[i - 1] >= this.ids[i]) {
				return false;
			}
		}
		return true;
	}

}
