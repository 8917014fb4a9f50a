/**
 * The threadleaks engine: cheap thread snapshots, stack groups, their history, and the
 * detector that decides which group is leaking. Plain Java, free of any framework.
 */
@NullMarked
package io.github.threadleaks.core;

import org.jspecify.annotations.NullMarked;
