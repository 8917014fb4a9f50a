package io.github.threadleaks.junit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.threadleaks.core.GroupDetail;

/**
 * The reachability lines of a leak's message, per group id. This class names no type of
 * the optional {@code threadleaks-reachability} module, so the extension loads and runs
 * without it; {@link HeapReachability}, which does, is loaded only once the module is
 * found.
 */
final class ReachabilityNotes {

	/**
	 * The module's entry point, looked up by name so that its absence is a message, not
	 * an error.
	 */
	static final String ANALYZER_CLASS = "io.github.threadleaks.reachability.ReachabilityAnalyzer";

	private ReachabilityNotes() {
	}

	/**
	 * The lines for each leaked group, from at most one heap dump, or a note per group
	 * where the module is absent.
	 */
	static Map<String, String> of(List<GroupDetail> groups) {
		return of(groups, ReachabilityNotes.class.getClassLoader());
	}

	/** As {@link #of(List)}, looking for the module through {@code loader}. */
	static Map<String, String> of(List<GroupDetail> groups, ClassLoader loader) {
		if (!available(loader)) {
			Map<String, String> notes = new LinkedHashMap<>();
			for (GroupDetail group : groups) {
				notes.put(group.group().id(), "    reachability: not analysed: add threadleaks-reachability to the "
						+ "test classpath for a verdict (" + PlatformProperties.REACHABILITY + ")\n");
			}
			return notes;
		}
		return HeapReachability.of(groups);
	}

	/** Whether the reachability module is on the class path {@code loader} sees. */
	static boolean available(ClassLoader loader) {
		try {
			Class.forName(ANALYZER_CLASS, false, loader);
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

}
