/**
 * Leaks on purpose: each pattern reproduces, with real threads in real JDK primitives,
 * one classic cause of thread leaks, one request at a time, and can release what it
 * leaked.
 */
@NullMarked
package io.github.threadleaks.sample.leaks;

import org.jspecify.annotations.NullMarked;
