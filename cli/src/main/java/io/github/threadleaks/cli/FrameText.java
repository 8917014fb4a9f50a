package io.github.threadleaks.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.threadleaks.core.StackFrame;
import org.jspecify.annotations.Nullable;

/**
 * Reads frames from their text in a dump: jstack's
 * {@code class.method(module@version/File.java:12)} and the JSON dump's
 * {@code module/class.method(File.java:12)}. Frames seen before are answered from a
 * cache: a series repeats the same few thousand frames in every dump.
 */
final class FrameText {

	/**
	 * A hidden class's address suffix ({@code LambdaForm$DMH/0x000000004c06c000}): new in
	 * every run.
	 */
	private static final Pattern HIDDEN_CLASS_SUFFIX = Pattern.compile("/0x\\p{XDigit}+$");

	private final Map<String, StackFrame> cache = new HashMap<>();

	/** The frame of the given text, or {@code null} where the text is not a frame. */
	@Nullable StackFrame parse(String text) {
		StackFrame known = this.cache.get(text);
		if (known == null) {
			known = read(text);
			if (known != null) {
				this.cache.put(text, known);
			}
		}
		return known;
	}

	static @Nullable StackFrame read(String text) {
		int open = text.lastIndexOf('(');
		if (open <= 0 || !text.endsWith(")")) {
			return null;
		}
		String head = text.substring(0, open);
		String location = text.substring(open + 1, text.length() - 1);
		location = location.substring(location.lastIndexOf('/') + 1);
		int dot = head.lastIndexOf('.');
		if (dot <= 0 || dot == head.length() - 1) {
			return null;
		}
		String method = head.substring(dot + 1);
		String className = HIDDEN_CLASS_SUFFIX.matcher(head.substring(0, dot)).replaceFirst("");
		int lambda = className.indexOf("$$Lambda");
		className = className.substring(className.lastIndexOf('/', (lambda >= 0) ? lambda : className.length()) + 1);
		String file = null;
		int line = -1;
		if (location.equals("Native Method")) {
			line = -2;
		}
		else if (!location.isEmpty() && !location.equals("Unknown Source")) {
			int colon = location.lastIndexOf(':');
			file = (colon > 0) ? location.substring(0, colon) : location;
			line = (colon > 0) ? lineNumber(location.substring(colon + 1)) : -1;
		}
		// Through StackTraceElement, so that generated class names are folded as for live
		// threads.
		return StackFrame.of(new StackTraceElement(className, method, file, line));
	}

	private static int lineNumber(String digits) {
		try {
			return Integer.parseInt(digits);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
