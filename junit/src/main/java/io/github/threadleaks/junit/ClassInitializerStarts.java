package io.github.threadleaks.junit;

import io.github.threadleaks.core.ThreadOrigin;
import org.jspecify.annotations.Nullable;

/**
 * Threads started from a class initializer ({@code <clinit>}): process-wide singletons by
 * construction, such as a library's {@code Timer} in a lazy holder. The JVM runs a class
 * initializer once, during whichever test first touches the class, so such a thread is
 * not that test's leak.
 */
final class ClassInitializerStarts {

	private static final String CLASS_INITIALIZER = ".<clinit>(";

	private ClassInitializerStarts() {
	}

	/**
	 * The starter's frame that is a class initializer, or {@code null} if it has none or
	 * its start is unknown.
	 */
	static @Nullable String initializerFrame(ThreadOrigin origin) {
		if (origin.kind() != ThreadOrigin.Kind.STARTED_AT) {
			return null;
		}
		for (String frame : origin.frames()) {
			if (frame.contains(CLASS_INITIALIZER)) {
				return frame;
			}
		}
		return null;
	}

}
