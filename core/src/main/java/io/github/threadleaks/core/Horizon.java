package io.github.threadleaks.core;

/**
 * One resolution of a group's history: a ring of at most {@code capacity} points, each
 * summarising {@code period} samples. A point's count is the lowest count of its samples
 * (a leak's floor rises, a bursty pool's does not); its stuck and judged figures are
 * sums, so that their ratio is the share of the members old enough to judge that sat
 * still long enough, across the point's steps.
 */
final class Horizon {

	private final int period;

	private final int[] counts;

	private final int[] stuck;

	private final int[] judged;

	/**
	 * The time each point stands for: the real time between its samples and the ones
	 * before.
	 */
	private final long[] millis;

	private int size;

	private int next;

	private int pendingSamples;

	private int pendingMin;

	private int pendingStuck;

	private int pendingJudged;

	private long pendingMillis;

	Horizon(int period, int capacity) {
		this.period = period;
		this.counts = new int[capacity];
		this.stuck = new int[capacity];
		this.judged = new int[capacity];
		this.millis = new long[capacity];
	}

	/** Samples per point. */
	int period() {
		return this.period;
	}

	/**
	 * Adds one sample: {@code count} members, of which {@code judged} were in the group
	 * long enough to judge ({@code min-still-samples}) and {@code stuck} of those sat
	 * still for that long; the sample stands for the {@code elapsedMillis} since the one
	 * before.
	 */
	void add(int count, int stuck, int judged, long elapsedMillis) {
		this.pendingMin = (this.pendingSamples == 0) ? count : Math.min(this.pendingMin, count);
		this.pendingStuck += stuck;
		this.pendingJudged += judged;
		this.pendingMillis += elapsedMillis;
		if (++this.pendingSamples == this.period) {
			this.counts[this.next] = this.pendingMin;
			this.stuck[this.next] = this.pendingStuck;
			this.judged[this.next] = this.pendingJudged;
			this.millis[this.next] = this.pendingMillis;
			this.next = (this.next + 1) % this.counts.length;
			this.size = Math.min(this.size + 1, this.counts.length);
			this.pendingSamples = 0;
			this.pendingStuck = 0;
			this.pendingJudged = 0;
			this.pendingMillis = 0;
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

	int judged(int i) {
		return this.judged[index(i)];
	}

	/**
	 * The time one point stands for: the real time from the first point held to the last,
	 * per step, so that a cadence that backs off shows in the evidence. With fewer than
	 * two points, the latest point's own time.
	 */
	long meanPointMillis() {
		if (this.size < 2) {
			return (this.size == 0) ? 0 : this.millis[index(0)];
		}
		long total = 0;
		for (int i = 1; i < this.size; i++) {
			total += this.millis[index(i)];
		}
		return Math.round((double) total / (this.size - 1));
	}

	/**
	 * How many samples ago the first point's last sample was taken: a member that has
	 * been in its group this long was there at the first point.
	 */
	int samplesSinceFirstPoint() {
		return (this.size == 0) ? 0 : (this.size - 1) * this.period + this.pendingSamples;
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
