package io.github.threadleaks.autoconfigure.reachability;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * Why a reachability request was refused.
 *
 * @param message the reason, for the caller
 * @since 0.1.0
 */
public record ReachabilityRefusal(String message) implements OperationResponseBody {
}
