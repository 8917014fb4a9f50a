/**
 * The threadleaks meters and their auto-configuration.
 */
@NullMarked
package io.github.threadleaks.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
