/**
 * The {@code threadleaks} contribution to the actuator's {@code info} endpoint and its
 * auto-configuration.
 */
@NullMarked
package io.github.threadleaks.autoconfigure.info;

import org.jspecify.annotations.NullMarked;
