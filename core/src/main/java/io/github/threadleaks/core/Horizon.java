package io.github.threadleaks.core;

/**
 * One resolution of a group's history: a ring of at most {@code capacity} points, each summarising
 * {@code period} samples. A point's count is the lowest count of its samples (a leak's floor rises, a
 * bursty pool's does not); its stuck and judged figures are sums, so that their ratio is the share of the members
 * old enough to judge that sat still long enough, across the point's steps.
 */
final class Horizon {

	private final int period;

	private final int[] counts;

	private final int[] stuck;

	private final int[] previous;

	private int size;

	private int next;

	private int pendingSamples;

	private int pendingMin;

	private int pendingStuck;

	private int pendingPrevious;

	Horizon(int period, int capacity) {
		this.period = period;
		this.counts = new int[capacity];
		this.stuck = new int[capacity];
		this.previous = new int[capacity];
	}

	/** Samples per point. */
	int period() {
		return this.period;
	}

	/**
	 * Adds one sample: {@code count} members, of which {@code previous} were in the group long enough to judge
	 * ({@code min-still-samples}) and {@code stuck} of those sat still for that long.
	 */
	void add(int count, int stuck, int previous) {
		this.pendingMin = (this.pendingSamples == 0) ? count : Math.min(this.pendingMin, count);
		this.pendingStuck += stuck;
		this.pendingPrevious += previous;
		if (++this.pendingSamples == this.period) {
			this.counts[this.next] = this.pendingMin;
			this.stuck[this.next] = this.pendingStuck;
			this.previous[this.next] = this.pendingPrevious;
			this.next = (this.next + 1) % this.counts.length;
			this.size = Math.min(this.size + 1, this.counts.length);
			this.pendingSamples = 0;
			this.pendingStuck = 0;
			this.pendingPrevious = 0;
		}
	}

	int size() {
		return this.size;
	}

	/** The count of the {@code i}th point, oldest first. */
	int count(int i) {
		return this.counts[index(i)];
	}

	int stuck(int i) {
		return this.stuck[index(i)];
	}

	int previous(int i) {
		return this.previous[index(i)];
	}

	/** The counts, oldest first. */
	int[] counts() {
		int[] series = new int[this.size];
		for (int i = 0; i < this.size; i++) {
			series[i] = count(i);
		}
		return series;
	}

	private int index(int i) {
		return (this.next - this.size + i + this.counts.length) % this.counts.length;
	}

}
