package io.github.threadleaks.junit;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.threadleaks.core.ThreadOrigin;

/**
 * The {@code ignoreCreatedBy} rules of one check: {@code class.method} regular
 * expressions matched against each frame of the code that started a thread, as the
 * creation-site tracker holds it. Threads started from the same place share one origin,
 * so each is matched once.
 */
final class CreatedByRules {

	private final List<Pattern> patterns = new ArrayList<>();

	private final Map<ThreadOrigin, Boolean> matched = new IdentityHashMap<>();

	CreatedByRules(List<String> regexes) {
		for (String regex : regexes) {
			this.patterns.add(Pattern.compile(regex));
		}
	}

	boolean isEmpty() {
		return this.patterns.isEmpty();
	}

	/** Whether a thread started there is ignored; never for a site not known. */
	synchronized boolean ignores(ThreadOrigin origin) {
		if (this.patterns.isEmpty() || origin.kind() != ThreadOrigin.Kind.STARTED_AT) {
			return false;
		}
		return this.matched.computeIfAbsent(origin, this::matches);
	}

	private boolean matches(ThreadOrigin origin) {
		for (String frame : origin.frames()) {
			String method = method(frame);
			for (Pattern pattern : this.patterns) {
				if (pattern.matcher(method).matches()) {
					return true;
				}
			}
		}
		return false;
	}

	/** {@code class.method} of a frame as the tracker writes it: {@code c.m(line 42)}. */
	static String method(String frame) {
		int paren = frame.indexOf('(');
		return (paren < 0) ? frame : frame.substring(0, paren);
	}

}
