package io.github.threadleaks.core;

import org.jspecify.annotations.Nullable;

/**
 * One frame of a captured stack. Unlike {@link StackTraceElement#toString()} its text carries no module
 * version, so the same code gives the same text, and the same group id, on every JDK build.
 *
 * @param className the fully qualified class name
 * @param methodName the method name
 * @param fileName the source file name, or {@code null} where unknown
 * @param lineNumber the line number; negative where unknown, {@code -2} for a native method
 */
public record StackFrame(String className, String methodName, @Nullable String fileName, int lineNumber) {

	/** The frame of a {@link StackTraceElement}. */
	public static StackFrame of(StackTraceElement element) {
		return new StackFrame(element.getClassName(), element.getMethodName(), element.getFileName(),
				element.getLineNumber());
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
