package io.github.threadleaks.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One frame of a captured stack. Unlike {@link StackTraceElement#toString()} its text
 * carries no module version, so the same code gives the same text, and the same group id,
 * on every JDK build.
 *
 * @param className the fully qualified class name
 * @param methodName the method name
 * @param fileName the source file name, or {@code null} where unknown
 * @param lineNumber the line number; negative where unknown, {@code -2} for a native
 * method
 * @since 0.1.0
 */
public record StackFrame(String className, String methodName, @Nullable String fileName, int lineNumber) {

	/** Generated class names whose numbers or addresses change from run to run. */
	private static final Pattern GENERATED_CLASS_SUFFIX = Pattern
		.compile("(\\$\\$Lambda)[$/].*|(\\$Proxy|GeneratedMethodAccessor|GeneratedConstructorAccessor)\\d+$");

	/**
	 * The frame of a {@link StackTraceElement}, with the run-specific parts of generated
	 * class names folded ({@code Foo$$Lambda$563/0x00007feb98146a70} reads
	 * {@code Foo$$Lambda}), so that ids stay stable across runs.
	 */
	public static StackFrame of(StackTraceElement element) {
		return new StackFrame(stableClassName(element.getClassName()), element.getMethodName(), element.getFileName(),
				element.getLineNumber());
	}

	public static String stableClassName(String className) {
		if (className.indexOf("$$Lambda") < 0 && className.indexOf("Proxy") < 0 && className.indexOf("Generated") < 0) {
			return className;
		}
		Matcher matcher = GENERATED_CLASS_SUFFIX.matcher(className);
		if (!matcher.find()) {
			return className;
		}
		String kept = (matcher.group(1) != null) ? matcher.group(1) : matcher.group(2) + "#";
		return className.substring(0, matcher.start()) + kept;
	}

	/** {@code class.method}: what ignore patterns match against. */
	public String qualifiedMethod() {
		return this.className + "." + this.methodName;
	}

	/** {@code class.method(File.java:12)}, as in a Java stack trace. */
	@Override
	public String toString() {
		String location;
		if (this.lineNumber == -2) {
			location = "Native Method";
		}
		else if (this.fileName == null) {
			location = "Unknown Source";
		}
		else if (this.lineNumber >= 0) {
			location = this.fileName + ":" + this.lineNumber;
		}
		else {
			location = this.fileName;
		}
		return qualifiedMethod() + "(" + location + ")";
	}

}
