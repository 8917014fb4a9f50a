package io.github.threadleaks.autoconfigure.endpoint;

import java.util.List;

import io.github.threadleaks.core.CreationSite;
import io.github.threadleaks.core.Evidence;
import io.github.threadleaks.core.LockReport;
import io.github.threadleaks.core.StackGroupReport;
import org.jspecify.annotations.Nullable;

/**
 * One stack group in the {@code threadleaks} endpoint: threads with the same normalized
 * name, state and stack.
 *
 * @param id the group's stable short id, as used in {@code /actuator/threadleaks/{id}}
 * @param name the normalized thread name ({@code pool-#-thread-#})
 * @param state the thread state shared by the members ({@code WAITING})
 * @param count how many threads are in the group
 * @param growth how much the count changed over the window
 * @param suspected whether the group is suspected of leaking
 * @param frames the captured frames, top first
 * @param blockedAt the JDK call the members wait in and the application frame that made
 * it
 * @param history the count at each sample of the window, oldest first
 * @param stuck how many members are stuck: still (no progress since the previous sample)
 * for min-still-samples samples in a row
 * @param stuckForMillis how long the oldest member has sat in this exact place
 * @param deadlocked how many members the JVM reports deadlocked
 * @param lock the lock the oldest member waits on, absent if none
 * @param evidence the figures that made the group suspected, absent if it is not
 * @param suspectedForMillis how long the group has been suspected, 0 if it is not
 * @param explanation the verdict in words
 * @param creationSites where the members were started, most members first; empty where
 * not tracked
 * @param virtual whether the members are virtual threads
 * @param container for virtual threads, the container that started them (the executor's
 * class), absent for platform threads
 * @since 0.1.0
 */
public record StackGroupDescriptor(String id, String name, String state, int count, int growth, boolean suspected,
		List<String> frames, String blockedAt, List<Integer> history, int stuck, long stuckForMillis, int deadlocked,
		@Nullable LockReport lock, @Nullable Evidence evidence, long suspectedForMillis, String explanation,
		List<CreationSite> creationSites, boolean virtual, @Nullable String container) {

	static StackGroupDescriptor of(StackGroupReport group) {
		return new StackGroupDescriptor(group.id(), group.name(), group.state().name(), group.count(), group.growth(),
				group.suspected(), group.frames(), group.blockedAt(), group.history(), group.stuck(),
				group.stuckForMillis(), group.deadlocked(), group.lock(), group.evidence(), group.suspectedForMillis(),
				group.explanation(), group.creationSites(), group.virtual(), group.container());
	}

}
