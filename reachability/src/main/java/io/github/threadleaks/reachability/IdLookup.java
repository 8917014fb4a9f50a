package io.github.threadleaks.reachability;

/**
 * Finds an object's index from its compact id (see {@link ObjectTable}): the ids sorted,
 * with the file-order index of each where the file was not in id order, and a table of
 * buckets over the id range so that a lookup searches a few neighbours instead of the
 * whole array (a plain binary search misses the cache a dozen times per lookup).
 */
final class IdLookup {

	private final int[] sorted;

	/** The file-order index of each sorted id; null where the file was sorted. */
	private final int[] indexes;

	private final long min;

	private final long max;

	private final int shift;

	private final int[] buckets;

	private IdLookup(int[] sorted, int[] indexes) {
		this.sorted = sorted;
		this.indexes = indexes;
		this.min = (sorted.length > 0) ? unsigned(sorted[0]) : 1;
		this.max = (sorted.length > 0) ? unsigned(sorted[sorted.length - 1]) : 0;
		int shift = 0;
		while (sorted.length > 0 && ((this.max - this.min) >>> shift) > Math.max(sorted.length / 4, 16)) {
			shift++;
		}
		this.shift = shift;
		int count = (sorted.length > 0) ? (int) ((this.max - this.min) >>> shift) + 2 : 1;
		this.buckets = new int[count];
		int position = 0;
		for (int bucket = 0; bucket < count; bucket++) {
			while (position < sorted.length && ((unsigned(sorted[position]) - this.min) >>> shift) < bucket) {
				position++;
			}
			this.buckets[bucket] = position;
		}
	}

	/** The lookup over these compact ids in file order. */
	static IdLookup of(int[] fileOrder) {
		boolean ordered = true;
		for (int i = 1; i < fileOrder.length && ordered; i++) {
			ordered = fileOrder[i - 1] < fileOrder[i];
		}
		if (ordered) {
			return new IdLookup(fileOrder, new int[0]);
		}
		int[] sorted = fileOrder.clone();
		int[] indexes = new int[sorted.length];
		for (int i = 0; i < indexes.length; i++) {
			indexes[i] = i;
		}
		PairSort.sort(sorted, indexes);
		return new IdLookup(sorted, indexes);
	}

	/** The file-order index of the compact id, -1 if no object has it. */
	int indexOf(int compact) {
		long value = unsigned(compact);
		if (value < this.min || value > this.max) {
			return -1;
		}
		int bucket = (int) ((value - this.min) >>> this.shift);
		int low = this.buckets[bucket];
		int high = this.buckets[bucket + 1] - 1;
		while (low <= high) {
			int middle = (low + high) >>> 1;
			int found = this.sorted[middle];
			if (found < compact) {
				low = middle + 1;
			}
			else if (found > compact) {
				high = middle - 1;
			}
			else {
				return (this.indexes.length > 0) ? this.indexes[middle] : middle;
			}
		}
		return -1;
	}

	/**
	 * The compact id's distance from the base (they are stored with the sign bit
	 * flipped).
	 */
	private static long unsigned(int compact) {
		return (compact ^ Integer.MIN_VALUE) & 0xFFFFFFFFL;
	}

}
