package io.github.threadleaks.core;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance and one text per distinct frame, shared by every tracked group that holds
 * it: the groups of one service differ in a few frames and share the rest (thread pool,
 * framework, JDK), so a thousand groups hold far fewer distinct frames than a thousand
 * stacks. Only frames of tracked groups are kept: the table is rebuilt from them whenever
 * it has grown to twice what it held after the last rebuild.
 */
final class SharedFrames {

	private static final int MIN_REBUILD_SIZE = 1024;

	private Map<StackFrame, Shared> frames = new HashMap<>();

	private int sizeAfterRebuild;

	/** The key with its frames replaced by the shared instances (an equal key). */
	GroupKey share(GroupKey key) {
		StackFrame[] shared = new StackFrame[key.frames().size()];
		for (int i = 0; i < shared.length; i++) {
			shared[i] = shared(key.frames().get(i)).frame();
		}
		return new GroupKey(key.name(), key.state(), List.of(shared), key.container());
	}

	/**
	 * The texts of the frames of a key made by {@link #share}, top first, as a stack
	 * trace prints them.
	 */
	List<String> texts(GroupKey key) {
		String[] texts = new String[key.frames().size()];
		for (int i = 0; i < texts.length; i++) {
			texts[i] = shared(key.frames().get(i)).text();
		}
		return List.of(texts);
	}

	/**
	 * Forgets the frames no tracked group holds any more, once they may outnumber those
	 * that are held.
	 */
	void retainFramesOf(Collection<TrackedGroup> groups) {
		if (this.frames.size() < Math.max(MIN_REBUILD_SIZE, 2 * this.sizeAfterRebuild)) {
			return;
		}
		Map<StackFrame, Shared> kept = new HashMap<>();
		for (TrackedGroup group : groups) {
			for (StackFrame frame : group.key.frames()) {
				Shared shared = this.frames.get(frame);
				if (shared != null) {
					kept.put(frame, shared);
				}
			}
		}
		this.frames = kept;
		this.sizeAfterRebuild = kept.size();
	}

	/** Frames held now. */
	int size() {
		return this.frames.size();
	}

	private Shared shared(StackFrame frame) {
		return this.frames.computeIfAbsent(frame, (first) -> new Shared(first, first.toString()));
	}

	private record Shared(StackFrame frame, String text) {
	}

}
