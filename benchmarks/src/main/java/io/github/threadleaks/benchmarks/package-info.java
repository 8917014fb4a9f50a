/**
 * Benchmarks and probes of the engine's cost: JMH sample cost against the JVM's census
 * floor and the thread dump, stop-the-world pauses per operation, and retained heap. See
 * BENCHMARKS.md at the repository root.
 */
@NullMarked
package io.github.threadleaks.benchmarks;

import org.jspecify.annotations.NullMarked;
