/**
 * The reachability verdict over HTTP: {@code GET
 * /actuator/threadleaks/{id}/reachability}, when the {@code threadleaks-reachability} jar
 * is present and {@code threadleaks.reachability.enabled} is set.
 */
@NullMarked
package io.github.threadleaks.autoconfigure.reachability;

import org.jspecify.annotations.NullMarked;
