/**
 * Auto-configuration for threadleaks: properties, the sampler's lifecycle and the log of
 * suspicions.
 */
@NullMarked
package io.github.threadleaks.autoconfigure;

import org.jspecify.annotations.NullMarked;
