package io.github.threadleaks.reachability;

import org.jspecify.annotations.Nullable;

/**
 * Finds an object's index from its compact id (see {@link ObjectTable}) without copying
 * the ids. A heap dump is written region by region: its ids come in a few hundred runs,
 * each in ascending order and covering an address range of its own. The runs are put in
 * id order, and a table of buckets over the id range names, for each bucket, the run and
 * position of its first id, so that a lookup searches a few neighbours instead of the
 * whole array (a plain binary search misses the cache a dozen times per lookup). Short
 * runs are sorted apart; a file whose long runs overlap is sorted whole instead, with the
 * file-order index carried along.
 */
final class IdLookup {

	/** Runs shorter than this are looked up apart, sorted. */
	private static final int LONG_RUN = 64;

	/** The ids searched: in file order, or sorted where the runs overlapped. */
	private final int[] ids;

	/** Where the ids were sorted, the file-order index of each; else empty. */
	private final int[] indexes;

	/** The runs in id order: where each starts and ends in {@link #ids}. */
	private final int[] runFrom;

	private final int[] runTo;

	private final long min;

	private final long max;

	private final int shift;

	/**
	 * The ids of runs too short to be a region's (class objects, dumped first, each on
	 * its own), sorted apart; null if none.
	 */
	private final @Nullable IdLookup strays;

	/** The position of each bucket's first id, or of the first id after it. */
	private final int[] bucketPosition;

	/** The run (in id order) that position lies in. */
	private final int[] bucketRun;

	private IdLookup(int[] ids, int[] indexes, int[] runFrom, int[] runTo, @Nullable IdLookup strays) {
		this.ids = ids;
		this.strays = strays;
		this.indexes = indexes;
		this.runFrom = runFrom;
		this.runTo = runTo;
		int runs = runFrom.length;
		this.min = (runs > 0) ? unsigned(ids[runFrom[0]]) : 1;
		this.max = (runs > 0) ? unsigned(ids[runTo[runs - 1] - 1]) : 0;
		int shift = 0;
		while (((this.max - this.min) >>> shift) > Math.max(ids.length / 8, 16)) {
			shift++;
		}
		this.shift = shift;
		int count = (runs > 0) ? (int) ((this.max - this.min) >>> shift) + 2 : 1;
		this.bucketPosition = new int[count];
		this.bucketRun = new int[count];
		int bucket = 0;
		for (int run = 0; run < runs; run++) {
			for (int position = runFrom[run]; position < runTo[run]; position++) {
				int own = (int) ((unsigned(ids[position]) - this.min) >>> shift);
				while (bucket <= own) {
					this.bucketPosition[bucket] = position;
					this.bucketRun[bucket++] = run;
				}
			}
		}
		while (bucket < count) {
			this.bucketPosition[bucket] = (runs > 0) ? runTo[runs - 1] : 0;
			this.bucketRun[bucket++] = Math.max(runs - 1, 0);
		}
	}

	/** The lookup over these compact ids in file order. */
	static IdLookup of(int[] fileOrder) {
		int runs = 0;
		int strays = 0;
		for (int from = 0, to; from < fileOrder.length; from = to) {
			to = runEnd(fileOrder, from);
			if (to - from < LONG_RUN) {
				strays += to - from;
			}
			else {
				runs++;
			}
		}
		if (strays > fileOrder.length / 4) {
			return sortedWhole(fileOrder);
		}
		int[] firstIds = new int[runs];
		int[] starts = new int[runs];
		for (int from = 0, to, run = 0; from < fileOrder.length; from = to) {
			to = runEnd(fileOrder, from);
			if (to - from >= LONG_RUN) {
				firstIds[run] = fileOrder[from];
				starts[run++] = from;
			}
		}
		PairSort.sort(firstIds, starts);
		int[] runFrom = new int[runs];
		int[] runTo = new int[runs];
		for (int run = 0; run < runs; run++) {
			runFrom[run] = starts[run];
			runTo[run] = runEnd(fileOrder, starts[run]);
			if (run > 0 && fileOrder[runTo[run - 1] - 1] >= fileOrder[runFrom[run]]) {
				return sortedWhole(fileOrder);
			}
		}
		IdLookup strayLookup = null;
		if (strays > 0) {
			int[] sorted = new int[strays];
			int[] indexes = new int[strays];
			for (int from = 0, to, next = 0; from < fileOrder.length; from = to) {
				to = runEnd(fileOrder, from);
				for (int position = from; position < to && to - from < LONG_RUN; position++) {
					sorted[next] = fileOrder[position];
					indexes[next++] = position;
				}
			}
			strayLookup = sorted(sorted, indexes);
		}
		return new IdLookup(fileOrder, new int[0], runFrom, runTo, strayLookup);
	}

	/** Where the ascending run starting at {@code from} ends. */
	private static int runEnd(int[] ids, int from) {
		int end = from + 1;
		while (end < ids.length && ids[end - 1] < ids[end]) {
			end++;
		}
		return end;
	}

	/** A lookup over ids and their file-order indexes, sorting both. */
	private static IdLookup sorted(int[] ids, int[] indexes) {
		PairSort.sort(ids, indexes);
		return new IdLookup(ids, indexes, new int[] { 0 }, new int[] { ids.length }, null);
	}

	private static IdLookup sortedWhole(int[] fileOrder) {
		int[] indexes = new int[fileOrder.length];
		for (int i = 0; i < indexes.length; i++) {
			indexes[i] = i;
		}
		return sorted(fileOrder.clone(), indexes);
	}

	/** The file-order index of the compact id, -1 if no object has it. */
	int indexOf(int compact) {
		int found = inRuns(compact);
		return (found < 0 && this.strays != null) ? this.strays.indexOf(compact) : found;
	}

	private int inRuns(int compact) {
		long value = unsigned(compact);
		if (value < this.min || value > this.max) {
			return -1;
		}
		int bucket = (int) ((value - this.min) >>> this.shift);
		int run = this.bucketRun[bucket];
		int low = this.bucketPosition[bucket];
		while (true) {
			int high = (this.bucketRun[bucket + 1] == run) ? this.bucketPosition[bucket + 1] : this.runTo[run];
			int found = search(low, high - 1, compact);
			if (found >= 0) {
				return (this.indexes.length > 0) ? this.indexes[found] : found;
			}
			if (compact < this.ids[this.runTo[run] - 1] || run + 1 == this.runFrom.length
					|| compact < this.ids[this.runFrom[run + 1]]) {
				return -1;
			}
			low = this.runFrom[++run];
		}
	}

	private int search(int from, int to, int compact) {
		int low = from;
		int high = to;
		while (low <= high) {
			int middle = (low + high) >>> 1;
			int found = this.ids[middle];
			if (found < compact) {
				low = middle + 1;
			}
			else if (found > compact) {
				high = middle - 1;
			}
			else {
				return middle;
			}
		}
		return -1;
	}

	/** The compact id's distance from the base (stored with the sign bit flipped). */
	private static long unsigned(int compact) {
		return (compact ^ Integer.MIN_VALUE) & 0xFFFFFFFFL;
	}

}
