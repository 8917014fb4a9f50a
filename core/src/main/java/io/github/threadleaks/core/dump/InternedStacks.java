package io.github.threadleaks.core.dump;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.threadleaks.core.StackFrame;

/**
 * The stacks of a JSON thread dump, read one at a time and interned: identical stacks
 * share one frame list, so a hundred thousand threads parked in one place cost one.
 */
final class InternedStacks {

	private final String source;

	private final int maxDepth;

	private final FrameText frames = new FrameText();

	private final Map<List<String>, List<StackFrame>> stacks = new HashMap<>();

	/** The frame texts of the stack read last, at most {@link #maxDepth}. */
	private final List<String> texts = new ArrayList<>();

	/**
	 * Stacks of the input {@code source} (named in errors), each kept to its top
	 * {@code maxDepth} frames.
	 */
	InternedStacks(String source, int maxDepth) {
		this.source = source;
		this.maxDepth = maxDepth;
	}

	/**
	 * Reads a {@code stack} array's frame texts and returns their fingerprint, which
	 * covers every frame; {@link #interned} then gives the frames.
	 */
	long read(JsonReader json) throws IOException {
		this.texts.clear();
		long fingerprint = 1;
		json.beginArray();
		while (json.hasNext()) {
			String text = json.nextString();
			fingerprint = 31 * fingerprint + text.hashCode();
			if (this.texts.size() < this.maxDepth) {
				this.texts.add(text);
			}
		}
		json.endArray();
		return fingerprint;
	}

	/** The frames of the stack read last, shared with every identical stack. */
	List<StackFrame> interned(JsonReader json) throws IOException {
		List<StackFrame> known = this.stacks.get(this.texts);
		if (known != null) {
			return known;
		}
		StackFrame[] parsed = new StackFrame[this.texts.size()];
		for (int i = 0; i < parsed.length; i++) {
			StackFrame frame = this.frames.frame(this.texts.get(i));
			if (frame == null) {
				throw new DumpFormatException(this.source, "unreadable stack frame: " + this.texts.get(i), -1,
						json.offsetNow(), null);
			}
			parsed[i] = frame;
		}
		List<StackFrame> stack = List.of(parsed);
		this.stacks.put(List.copyOf(this.texts), stack);
		return stack;
	}

	/** Distinct stacks read so far. */
	int distinct() {
		return this.stacks.size();
	}

}
