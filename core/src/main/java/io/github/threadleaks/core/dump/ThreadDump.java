package io.github.threadleaks.core.dump;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One thread dump, read whole.
 *
 * @param takenAt when it was taken, as the dump says, or {@code null} where it does not
 * @param processId the dumped process's id, where the dump says ({@code jcmd}'s first
 * line, JSON's {@code processId}), or {@code null}
 * @param threads its Java threads, in the dump's order
 * @since 0.1.0
 */
public record ThreadDump(@Nullable Instant takenAt, @Nullable String processId, List<DumpedThread> threads) {

	public ThreadDump {
		threads = List.copyOf(threads);
	}

}
