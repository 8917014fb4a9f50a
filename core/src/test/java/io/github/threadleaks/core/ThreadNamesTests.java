package io.github.threadleaks.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadNamesTests {

	@Test
	void foldsEveryRunOfDigits() {
		assertThat(ThreadNames.normalize("pool-12-thread-3")).isEqualTo("pool-#-thread-#");
		assertThat(ThreadNames.normalize("http-nio-8080-exec-10")).isEqualTo("http-nio-#-exec-#");
		assertThat(ThreadNames.normalize("ForkJoinPool.commonPool-worker-1"))
			.isEqualTo("ForkJoinPool.commonPool-worker-#");
	}

	@Test
	void leavesNamesWithoutDigitsAlone() {
		assertThat(ThreadNames.normalize("main")).isEqualTo("main");
		assertThat(ThreadNames.normalize("Reference Handler")).isEqualTo("Reference Handler");
		assertThat(ThreadNames.normalize("")).isEqualTo("");
	}

	@Test
	void foldsIdsAndUuidsWhole() {
		assertThat(ThreadNames.normalize("session-3fa85f64-5717-4562-b3fc-2c963f66afa6")).isEqualTo("session-#");
		assertThat(ThreadNames.normalize("req-deadbeef01")).isEqualTo("req-#");
	}

	@Test
	void foldsIdentityHashesWholeWhateverTheirLength() {
		// Integer.toHexString drops leading zeros: one hash in 16 has seven digits, and
		// its letters must not survive.
		assertThat(ThreadNames.normalize("HttpClient@1b2c3d4e-12")).isEqualTo("HttpClient@#-#");
		assertThat(ThreadNames.normalize("HttpClient@e5bb2f0-3")).isEqualTo("HttpClient@#-#");
		assertThat(ThreadNames.normalize("HttpClient@abcdef-3")).isEqualTo("HttpClient@#-#");
		assertThat(ThreadNames.normalize("client-e5bb2f0-worker")).isEqualTo("client-#-worker");
	}

	@Test
	void keepsWordsThatLookHexButHoldNoDigit() {
		assertThat(ThreadNames.normalize("cafebabe-feed")).isEqualTo("cafebabe-feed");
	}

	@Test
	void cutsHugeNamesWithAMarker() {
		String normalized = ThreadNames.normalize("x".repeat(10_000));
		assertThat(normalized).hasSize(ThreadNames.MAX_LENGTH + 1).endsWith("…");
	}

	@Test
	void keepsShortNamesWhole() {
		String name = "y".repeat(ThreadNames.MAX_LENGTH);
		assertThat(ThreadNames.normalize(name)).isEqualTo(name);
	}

}
