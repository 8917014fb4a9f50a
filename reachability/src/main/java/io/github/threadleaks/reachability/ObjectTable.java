package io.github.threadleaks.reachability;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

/**
 * The classes, instances and object arrays of a heap dump, by their index in file order:
 * each one's id, the file offset of its record and the ids it refers to (one list of
 * edges for all, in file order). Primitive arrays hold no references and are not in it.
 * An id is kept as an {@code int}: its distance in 8-byte steps from a base near the
 * first id seen, so ids must lie within 32 GB of each other (any heap with compressed
 * object pointers); the edges are kept the same way and looked up while marking, through
 * a table of buckets over the sorted ids.
 */
final class ObjectTable {

	/** The id kept for a reference to an address the table cannot hold. */
	private static final int OUTSIDE = Integer.MAX_VALUE;

	private static final long WINDOW = 1L << 35;

	private IntBlocks ids = new IntBlocks();

	private final IntBlocks offsets = new IntBlocks();

	private @Nullable IntBlocks offsetsHigh;

	private final IntBlocks edgeStarts = new IntBlocks();

	private final IntBlocks edges = new IntBlocks();

	private long base = -1;

	private int @Nullable [] fileOrderIds;

	private @Nullable IdLookup lookup;

	/** Adds an object whose record starts at {@code offset}; returns its index. */
	int add(long id, long offset, HprofInput input) throws IOException {
		int compact = compact(id);
		if (compact == OUTSIDE) {
			throw input.error("object id 0x" + Long.toHexString(id) + " more than 16 GB from the first ("
					+ "ids must lie within 32 GB of each other, as with compressed object pointers)", offset);
		}
		long index = this.ids.size();
		if (index == Integer.MAX_VALUE) {
			throw input.error("more than " + Integer.MAX_VALUE + " objects", offset);
		}
		this.ids.add(compact);
		this.offsets.add((int) offset);
		if (offset >>> 32 != 0 && this.offsetsHigh == null) {
			this.offsetsHigh = new IntBlocks();
			for (long i = 0; i < index; i++) {
				this.offsetsHigh.add(0);
			}
		}
		if (this.offsetsHigh != null) {
			this.offsetsHigh.add((int) (offset >>> 32));
		}
		if (this.edges.size() >= Integer.MAX_VALUE) {
			throw input.error("more than " + Integer.MAX_VALUE + " references", offset);
		}
		this.edgeStarts.add((int) this.edges.size());
		return (int) index;
	}

	/** Adds a reference from the object added last; null references are left out. */
	void addEdge(long id) {
		if (id != 0) {
			this.edges.add(compact(id));
		}
	}

	/** Ends the table: builds the lookup by id. */
	void finish() {
		this.edgeStarts.add((int) this.edges.size());
		int[] fileOrder = this.ids.toArray();
		this.ids = new IntBlocks();
		this.fileOrderIds = fileOrder;
		this.lookup = IdLookup.of(fileOrder);
	}

	int size() {
		return ids().length;
	}

	long idOf(int index) {
		return expand(ids()[index]);
	}

	long offsetOf(int index) {
		long low = this.offsets.get(index) & 0xFFFFFFFFL;
		return (this.offsetsHigh != null) ? low | ((long) this.offsetsHigh.get(index) << 32) : low;
	}

	int firstEdge(int index) {
		return this.edgeStarts.get(index);
	}

	int endEdge(int index) {
		return this.edgeStarts.get(index + 1L);
	}

	/** The index of the object an edge points to, -1 where the table does not hold it. */
	int target(int edge) {
		return lookup().indexOf(this.edges.get(edge));
	}

	/**
	 * The index of the object with this id, -1 for 0, a primitive array or an id not in
	 * the dump.
	 */
	int indexOf(long id) {
		int compact = compact(id);
		return (id == 0 || compact == OUTSIDE) ? -1 : lookup().indexOf(compact);
	}

	private int compact(long id) {
		if (this.base < 0) {
			this.base = Math.max(0, (id & ~7L) - WINDOW / 2);
		}
		long distance = id - this.base;
		if (distance < 0 || distance >= WINDOW - 8 || (distance & 7) != 0) {
			return OUTSIDE;
		}
		return (int) (distance >>> 3) ^ Integer.MIN_VALUE;
	}

	private long expand(int compact) {
		return this.base + (((compact ^ Integer.MIN_VALUE) & 0xFFFFFFFFL) << 3);
	}

	private int[] ids() {
		if (this.fileOrderIds == null) {
			throw new IllegalStateException("The object table is not finished");
		}
		return this.fileOrderIds;
	}

	private IdLookup lookup() {
		if (this.lookup == null) {
			throw new IllegalStateException("The object table is not finished");
		}
		return this.lookup;
	}

}
