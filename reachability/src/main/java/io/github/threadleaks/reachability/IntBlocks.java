package io.github.threadleaks.reachability;

import java.util.Arrays;

/**
 * A growable list of {@code int}s kept in blocks of 64 Ki (256 KB: below half a G1
 * region, so never a humongous allocation that wastes the rest of its regions), so that
 * growing it never copies what it holds (a doubling array would need three times its size
 * at the copy).
 */
final class IntBlocks {

	private static final int SHIFT = 16;

	private static final int MASK = (1 << SHIFT) - 1;

	private int[][] blocks = new int[16][];

	private long size;

	void add(int value) {
		int block = (int) (this.size >>> SHIFT);
		if (block == this.blocks.length) {
			this.blocks = Arrays.copyOf(this.blocks, block * 2);
		}
		if (this.blocks[block] == null) {
			this.blocks[block] = new int[1 << SHIFT];
		}
		this.blocks[block][(int) (this.size & MASK)] = value;
		this.size++;
	}

	int get(long index) {
		return this.blocks[(int) (index >>> SHIFT)][(int) (index & MASK)];
	}

	long size() {
		return this.size;
	}

	/** The values in one array, releasing the blocks. */
	int[] toArray() {
		int[] values = new int[Math.toIntExact(this.size)];
		for (int block = 0; block < this.blocks.length && ((long) block << SHIFT) < this.size; block++) {
			int from = block << SHIFT;
			System.arraycopy(this.blocks[block], 0, values, from, (int) Math.min(1 << SHIFT, this.size - from));
			this.blocks[block] = null;
		}
		this.size = 0;
		return values;
	}

}
