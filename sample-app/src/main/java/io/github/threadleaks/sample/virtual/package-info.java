/**
 * A leak among virtual threads and a benign virtual-thread-per-request workload (JDK
 * 21+).
 */
@NullMarked
package io.github.threadleaks.sample.virtual;

import org.jspecify.annotations.NullMarked;
