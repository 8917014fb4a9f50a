package io.github.threadleaks.cli;

import java.time.Instant;
import java.util.List;

/**
 * One thread dump of a series.
 *
 * @param takenAt when it was taken, as the dump says
 * @param threads its Java threads
 */
record Dump(Instant takenAt, List<DumpedThread> threads) {
}
