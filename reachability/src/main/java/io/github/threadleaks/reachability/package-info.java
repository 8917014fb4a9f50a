/**
 * Who could ever wake a suspected group's threads: a live heap dump, marked from every
 * root but the blocked threads themselves, Go's goroutine leak fixpoint on the JVM, and
 * the verdict with the path that keeps the blocker alive.
 */
@NullMarked
package io.github.threadleaks.reachability;

import org.jspecify.annotations.NullMarked;
