package io.github.threadleaks.cli;

import java.time.Instant;
import java.util.List;

import io.github.threadleaks.core.StackFrame;
import io.github.threadleaks.core.ThreadCensus;
import io.github.threadleaks.core.dump.DumpedThread;
import io.github.threadleaks.core.dump.ThreadDump;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stillness read from dumps: a thread with the same state and stack in two dumps is still
 * for the engine's own rule ({@link ThreadCensus#stillSince}); one whose stack changed
 * has moved. Dumps are built here, since the point is the mapping from two given dumps to
 * two censuses.
 */
class DumpThreadSourceTests {

	private static final List<StackFrame> PARKED = List.of(new StackFrame("jdk.internal.misc.Unsafe", "park", null, -2),
			new StackFrame("com.example.Worker", "run", "Worker.java", 12));

	private static final List<StackFrame> WORKING = List
		.of(new StackFrame("com.example.Worker", "compute", "Worker.java", 30));

	private final DumpThreadSource source = new DumpThreadSource();

	@Test
	void theSameStateAndStackIsStillAndAnotherStackHasMoved() {
		ThreadCensus first = censusAfter(thread(7, Thread.State.WAITING, PARKED, 1));
		ThreadCensus same = censusAfter(thread(7, Thread.State.WAITING, PARKED, 1));
		ThreadCensus moved = censusAfter(thread(7, Thread.State.RUNNABLE, WORKING, 2));
		ThreadCensus stillRunning = censusAfter(thread(7, Thread.State.RUNNABLE, WORKING, 2));
		assertThat(same.stillSince(first)).isTrue();
		assertThat(moved.stillSince(same)).isFalse();
		assertThat(stillRunning.stillSince(moved)).as("a runnable thread in the same place, e.g. a socket read")
			.isTrue();
	}

	@Test
	void idsAreMovedAwayFromThisJvmsOwnAndStacksFollowTheLatestDump() {
		ThreadCensus census = censusAfter(thread(1, Thread.State.WAITING, PARKED, 1));
		assertThat(census.id()).isEqualTo(DumpThreadSource.ID_OFFSET + 1);
		assertThat(this.source.stacks(new long[] { census.id(), 99 }, 1)).containsOnlyKeys(census.id())
			.containsEntry(census.id(), PARKED.subList(0, 1));
	}

	private ThreadCensus censusAfter(DumpedThread thread) {
		this.source.advance(new ThreadDump(Instant.EPOCH, null, List.of(thread)));
		return this.source.census().get(0);
	}

	private static DumpedThread thread(long id, Thread.State state, List<StackFrame> frames, long fingerprint) {
		return new DumpedThread(id, "worker-" + id, state, false, false, null, frames, fingerprint, null);
	}

}
