package io.github.threadleaks.core.dump;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.threadleaks.core.StackFrame;
import org.jspecify.annotations.Nullable;

/**
 * The one reader of a stack frame's text in a dump. It accepts what
 * {@link StackTraceElement#toString()} writes, with or without a class loader and module:
 * jstack's {@code class.method(module@version/File.java:12)} and the JSON dump's
 * {@code [loader//][module[@version]/]class.method(File.java:12)}, where the location is
 * {@code File.java:12}, {@code File.java}, {@code Native Method}, {@code Unknown Source}
 * or empty. Any other text (no {@code (...)} at the end, no {@code class.method} before
 * it) is not a frame. A hidden class's address ({@code $$Lambda/0x...}) and other
 * generated names are folded as for live threads ({@link StackFrame#stableClassName}).
 *
 * <p>
 * An instance answers frames seen before from a cache: a series repeats the same few
 * thousand frames in every dump. It is not thread-safe.
 *
 * @since 0.1.0
 */
public final class FrameText {

	/**
	 * A hidden class's address suffix ({@code LambdaForm$DMH/0x000000004c06c000}): new in
	 * every run.
	 */
	private static final Pattern HIDDEN_CLASS_SUFFIX = Pattern.compile("/0x\\p{XDigit}+$");

	private final Map<String, StackFrame> cache = new HashMap<>();

	/**
	 * The frame of the given text, from the cache where it was read before.
	 * @param text a frame's text
	 * @return the frame, or {@code null} where the text is not a frame
	 */
	public @Nullable StackFrame frame(String text) {
		StackFrame known = this.cache.get(text);
		if (known == null) {
			known = parse(text);
			if (known != null) {
				this.cache.put(text, known);
			}
		}
		return known;
	}

	/**
	 * The frame of the given text.
	 * @param text a frame's text
	 * @return the frame, or {@code null} where the text is not a frame
	 */
	public static @Nullable StackFrame parse(String text) {
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
		// A hidden class's name holds a '/' of its own (Foo$$Lambda/0x...): the loader
		// and module prefix ends before it.
		int lambda = className.indexOf("$$Lambda");
		className = className.substring(className.lastIndexOf('/', (lambda >= 0) ? lambda : className.length()) + 1);
		if (className.isEmpty()) {
			return null;
		}
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
		return new StackFrame(StackFrame.stableClassName(className), method, file, line);
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
