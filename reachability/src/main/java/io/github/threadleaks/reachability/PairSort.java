package io.github.threadleaks.reachability;

/**
 * Sorts an {@code int} array and carries a second one along, in place: the ids of a heap
 * dump written out of id order with their indexes, without boxing tens of millions of
 * pairs. A quicksort with a median-of-three pivot, insertion sort for short runs.
 */
final class PairSort {

	private static final int SHORT = 24;

	private PairSort() {
	}

	static void sort(int[] keys, int[] values) {
		sort(keys, values, 0, keys.length - 1);
	}

	private static void sort(int[] keys, int[] values, int from, int to) {
		while (to - from > SHORT) {
			int middle = (from + to) >>> 1;
			if (keys[middle] < keys[from]) {
				swap(keys, values, middle, from);
			}
			if (keys[to] < keys[from]) {
				swap(keys, values, to, from);
			}
			if (keys[to] < keys[middle]) {
				swap(keys, values, to, middle);
			}
			int pivot = keys[middle];
			int i = from;
			int j = to;
			while (i <= j) {
				while (keys[i] < pivot) {
					i++;
				}
				while (keys[j] > pivot) {
					j--;
				}
				if (i <= j) {
					swap(keys, values, i++, j--);
				}
			}
			// Recurse into the shorter side, loop on the longer: the stack stays shallow.
			if (j - from < to - i) {
				sort(keys, values, from, j);
				from = i;
			}
			else {
				sort(keys, values, i, to);
				to = j;
			}
		}
		for (int i = from + 1; i <= to; i++) {
			int key = keys[i];
			int value = values[i];
			int j = i - 1;
			while (j >= from && keys[j] > key) {
				keys[j + 1] = keys[j];
				values[j + 1] = values[j];
				j--;
			}
			keys[j + 1] = key;
			values[j + 1] = value;
		}
	}

	private static void swap(int[] keys, int[] values, int i, int j) {
		int key = keys[i];
		keys[i] = keys[j];
		keys[j] = key;
		int value = values[i];
		values[i] = values[j];
		values[j] = value;
	}

}
