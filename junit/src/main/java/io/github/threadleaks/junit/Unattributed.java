package io.github.threadleaks.junit;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What a run in parallel could not attribute to a test, for its summary: threads that no
 * test started (noted once each, never blamed), and the checks that could not be made
 * without creation sites. Guarded by the summary.
 */
final class Unattributed {

	/** The thread names kept for the note. */
	static final int MAX_NAMES = 5;

	private final Set<Long> ownerless = new HashSet<>();

	private final Set<String> names = new LinkedHashSet<>();

	private int notAttributable;

	private @Nullable String firstNotAttributable;

	void ownerless(long threadId, String name) {
		if (this.ownerless.add(threadId) && this.names.size() < MAX_NAMES) {
			this.names.add(name);
		}
	}

	void notAttributable(String where) {
		if (this.notAttributable++ == 0) {
			this.firstNotAttributable = where;
		}
	}

	void appendTo(StringBuilder text) {
		if (!this.ownerless.isEmpty()) {
			text.append("threadleaks: not blamed, ")
				.append(plural(this.ownerless.size(), "thread"))
				.append(" that no test started, alive after tests that ran in parallel (started by a thread that ran ")
				.append("no test, such as a pool's thread from before): ");
			int named = 0;
			for (String name : this.names) {
				text.append((named++ > 0) ? ", \"" : "\"").append(name).append('"');
			}
			text.append((this.ownerless.size() > this.names.size()) ? ", ...\n" : "\n");
		}
		if (this.notAttributable > 0) {
			text.append("threadleaks: not checked, ")
				.append(plural(this.notAttributable, "test"))
				.append(" that ran beside others, first ")
				.append(this.firstNotAttributable)
				.append(": which test started a thread is known only from the creation sites (")
				.append(PlatformProperties.CREATION_SITE)
				.append("=true, with JFR)\n");
		}
	}

	void appendTo(RunReportJson json) {
		json.beginObject("notAttributed")
			.field("threads", this.ownerless.size())
			.field("names", this.names)
			.endObject()
			.beginObject("notChecked")
			.field("checks", this.notAttributable)
			.field("first", String.valueOf(this.firstNotAttributable))
			.endObject();
	}

	private static String plural(int count, String noun) {
		return count + " " + noun + ((count == 1) ? "" : "s");
	}

}
