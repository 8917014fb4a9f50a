package io.github.threadleaks.reachability;

/**
 * The marked objects of a heap dump by their index in the dump's object index, with the
 * object each was first reached from and the marked objects not expanded yet: a bit and
 * an {@code int} per object, so a heap of tens of millions of objects costs a few bytes
 * per object rather than boxed ids or a record each.
 */
final class ObjectMarks {

	/** The parent of an object marked as a root. */
	static final int ROOT = -1;

	private final long[] marked;

	private final int[] parents;

	/**
	 * Marked, not expanded yet, in marking order: a ring buffer, so marking stays breadth
	 * first.
	 */
	private int[] queue = new int[1 << 16];

	private int head;

	private int size;

	ObjectMarks(int objects) {
		this.marked = new long[(objects + 63) >>> 6];
		this.parents = new int[objects];
	}

	/**
	 * Marks {@code object} with its parent and queues it for expansion; returns false if
	 * it was marked already.
	 */
	boolean mark(int object, int parent) {
		long bit = 1L << object;
		int word = object >>> 6;
		if ((this.marked[word] & bit) != 0) {
			return false;
		}
		this.marked[word] |= bit;
		this.parents[object] = parent;
		enqueue(object);
		return true;
	}

	boolean isMarked(int object) {
		return (this.marked[object >>> 6] & (1L << object)) != 0;
	}

	/** The parent of a marked object, {@link #ROOT} for a root. */
	int parent(int object) {
		if (!isMarked(object)) {
			throw new IllegalArgumentException("Object " + object + " is not marked");
		}
		return this.parents[object];
	}

	/** Queues a marked object for expansion again (a thread object woken). */
	void enqueue(int object) {
		if (this.size == this.queue.length) {
			int[] grown = new int[this.queue.length * 2];
			int first = this.queue.length - this.head;
			System.arraycopy(this.queue, this.head, grown, 0, first);
			System.arraycopy(this.queue, 0, grown, first, this.head);
			this.queue = grown;
			this.head = 0;
		}
		this.queue[(this.head + this.size) & (this.queue.length - 1)] = object;
		this.size++;
	}

	boolean hasNext() {
		return this.size > 0;
	}

	/** The next object to expand, in marking order. */
	int next() {
		int object = this.queue[this.head];
		this.head = (this.head + 1) & (this.queue.length - 1);
		this.size--;
		return object;
	}

}
