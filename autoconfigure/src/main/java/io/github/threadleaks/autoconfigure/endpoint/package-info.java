/**
 * The {@code threadleaks} actuator endpoint and its auto-configuration.
 */
@NullMarked
package io.github.threadleaks.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;
