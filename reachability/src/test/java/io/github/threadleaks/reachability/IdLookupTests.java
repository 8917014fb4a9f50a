package io.github.threadleaks.reachability;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding objects by id in the orders a heap dump writes them: one ascending run, runs
 * out of order (regions), stray short runs (class objects first), and runs that overlap.
 */
class IdLookupTests {

	@Test
	void oneAscendingRun() {
		assertFindsEach(IntStream.range(0, 1_000).map((i) -> i * 3).toArray());
	}

	@Test
	void regionsOutOfOrderWithClassObjectsBeforeThem() {
		int[] classes = { 50_001, 7, 90_000, 20_005 };
		int[] regionB = IntStream.range(0, 500).map((i) -> 60_000 + i * 2).toArray();
		int[] regionA = IntStream.range(0, 700).map((i) -> 10_000 + i * 5).toArray();
		int[] regionC = IntStream.range(0, 300).map((i) -> 100 + i).toArray();
		assertFindsEach(IntStream
			.concat(IntStream.of(classes),
					IntStream.concat(IntStream.of(regionB),
							IntStream.concat(IntStream.of(regionA), IntStream.of(regionC))))
			.toArray());
	}

	@Test
	void overlappingRunsAreSortedWhole() {
		int[] even = IntStream.range(0, 400).map((i) -> i * 2).toArray();
		int[] odd = IntStream.range(0, 400).map((i) -> i * 2 + 1).toArray();
		assertFindsEach(IntStream.concat(IntStream.of(even), IntStream.of(odd)).toArray());
	}

	@Test
	void mostlyStraysAreSortedWhole() {
		assertFindsEach(IntStream.range(0, 2_000).map((i) -> (i * 7919) % 2_003).toArray());
	}

	@Test
	void nothingIsFoundInAnEmptyDump() {
		assertThat(IdLookup.of(new int[0]).indexOf(compact(5))).isEqualTo(-1);
	}

	/** Looks up every id (as compact ids: sign bit flipped) and some not there. */
	private static void assertFindsEach(int[] distances) {
		int[] ids = IntStream.of(distances).map(IdLookupTests::compact).toArray();
		IdLookup lookup = IdLookup.of(ids.clone());
		Set<Integer> present = new HashSet<>();
		for (int i = 0; i < distances.length; i++) {
			assertThat(lookup.indexOf(ids[i])).as("id %d", distances[i]).isEqualTo(i);
			present.add(distances[i]);
		}
		for (int distance = 0; distance < 100_005; distance += 1) {
			if (!present.contains(distance)) {
				assertThat(lookup.indexOf(compact(distance))).as("absent id %d", distance).isEqualTo(-1);
			}
		}
	}

	private static int compact(int distance) {
		return distance ^ Integer.MIN_VALUE;
	}

}
