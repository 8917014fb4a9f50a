/**
 * The {@code threadLeaks} health indicator and its auto-configuration.
 */
@NullMarked
package io.github.threadleaks.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
