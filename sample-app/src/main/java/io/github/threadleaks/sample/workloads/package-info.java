/**
 * Benign look-alikes of leaks: thread counts that grow, burst or stay large for good
 * reasons, which threadleaks must leave alone.
 */
@NullMarked
package io.github.threadleaks.sample.workloads;

import org.jspecify.annotations.NullMarked;
