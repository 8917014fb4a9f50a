package io.github.threadleaks.core;

import org.jspecify.annotations.Nullable;

/**
 * The lock a group's oldest member waits on.
 *
 * @param name the lock ({@code class@identity})
 * @param ownerId the id of the thread owning it, or {@code -1} where none is known
 * (conditions, queues, latches)
 * @param ownerName the owner's name, or {@code null}
 * @param ownerAlive whether the owner is still alive; an owner that has ended never
 * unlocked the lock
 * @since 0.1.0
 */
public record LockReport(String name, long ownerId, @Nullable String ownerName, boolean ownerAlive) {
}
