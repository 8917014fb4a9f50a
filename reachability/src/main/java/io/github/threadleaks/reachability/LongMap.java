package io.github.threadleaks.reachability;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * A hash map from {@code long} keys to values without boxing the keys: looked up once per
 * object of a heap dump (its class), where boxing tens of millions of ids would cost more
 * than the lookup.
 *
 * @param <V> the value type
 */
final class LongMap<V> {

	private long[] keys = new long[64];

	private @Nullable Object[] values = new Object[64];

	private int size;

	@SuppressWarnings("unchecked")
	@Nullable V get(long key) {
		int mask = this.keys.length - 1;
		for (int slot = hash(key) & mask;; slot = (slot + 1) & mask) {
			Object value = this.values[slot];
			if (value == null) {
				return null;
			}
			if (this.keys[slot] == key) {
				return (V) value;
			}
		}
	}

	void put(long key, V value) {
		if (this.size * 2 >= this.keys.length) {
			grow();
		}
		int mask = this.keys.length - 1;
		int slot = hash(key) & mask;
		while (this.values[slot] != null && this.keys[slot] != key) {
			slot = (slot + 1) & mask;
		}
		if (this.values[slot] == null) {
			this.size++;
		}
		this.keys[slot] = key;
		this.values[slot] = value;
	}

	int size() {
		return this.size;
	}

	@SuppressWarnings("unchecked")
	private void grow() {
		long[] oldKeys = this.keys;
		Object[] oldValues = this.values;
		this.keys = new long[oldKeys.length * 2];
		this.values = new Object[oldKeys.length * 2];
		this.size = 0;
		for (int i = 0; i < oldKeys.length; i++) {
			if (oldValues[i] != null) {
				put(oldKeys[i], (V) oldValues[i]);
			}
		}
		Arrays.fill(oldValues, null);
	}

	private static int hash(long key) {
		long mixed = key * 0x9E3779B97F4A7C15L;
		return (int) (mixed ^ (mixed >>> 32));
	}

}
