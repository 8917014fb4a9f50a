package io.github.threadleaks.reachability;

/**
 * The marked objects of a heap dump with the object each was first reached from, in an
 * open-addressing table of primitive longs: a heap of millions of objects must not cost
 * millions of boxed entries.
 */
final class ObjectParents {

	/** The parent of an object marked as a root. */
	static final long ROOT = 0;

	private static final long EMPTY = 0;

	private long[] keys = new long[1 << 16];

	private long[] parents = new long[1 << 16];

	private int size;

	/**
	 * Marks {@code object} with its parent; returns false if it was marked already.
	 * Object ids are never 0.
	 */
	boolean mark(long object, long parent) {
		if (this.size * 2 >= this.keys.length) {
			grow();
		}
		int slot = slot(this.keys, object);
		if (this.keys[slot] == object) {
			return false;
		}
		this.keys[slot] = object;
		this.parents[slot] = parent;
		this.size++;
		return true;
	}

	boolean isMarked(long object) {
		return this.keys[slot(this.keys, object)] == object;
	}

	/** The parent of a marked object, {@link #ROOT} for a root. */
	long parent(long object) {
		int slot = slot(this.keys, object);
		if (this.keys[slot] != object) {
			throw new IllegalArgumentException("Object " + object + " is not marked");
		}
		return this.parents[slot];
	}

	int size() {
		return this.size;
	}

	private void grow() {
		long[] oldKeys = this.keys;
		long[] oldParents = this.parents;
		this.keys = new long[oldKeys.length * 2];
		this.parents = new long[oldKeys.length * 2];
		for (int i = 0; i < oldKeys.length; i++) {
			if (oldKeys[i] != EMPTY) {
				int slot = slot(this.keys, oldKeys[i]);
				this.keys[slot] = oldKeys[i];
				this.parents[slot] = oldParents[i];
			}
		}
	}

	private static int slot(long[] keys, long key) {
		int mask = keys.length - 1;
		int slot = Long.hashCode(key * 0x9E3779B97F4A7C15L) & mask;
		while (keys[slot] != EMPTY && keys[slot] != key) {
			slot = (slot + 1) & mask;
		}
		return slot;
	}

}
