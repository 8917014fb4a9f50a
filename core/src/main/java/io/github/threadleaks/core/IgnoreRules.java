package io.github.threadleaks.core;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;

/**
 * Which threads to leave out, by regular expressions that must match the whole text: of
 * the thread's name, of its top frame, or of any captured frame (frames as
 * {@code class.method}). Immutable; each expression is checked once, when the rules are
 * made, and rules from several places add up with {@link #and(IgnoreRules)}.
 *
 * @since 0.1.0
 */
public final class IgnoreRules {

	/** No thread left out. */
	public static final IgnoreRules NONE = new IgnoreRules(List.of(), List.of(), List.of());

	private final List<Pattern> threadNames;

	private final List<Pattern> topFrames;

	private final List<Pattern> anyFrames;

	IgnoreRules(List<Pattern> threadNames, List<Pattern> topFrames, List<Pattern> anyFrames) {
		this.threadNames = threadNames;
		this.topFrames = topFrames;
		this.anyFrames = anyFrames;
	}

	/**
	 * The rules of the {@code ignore.*} settings; a bad expression is named by its
	 * setting and index ({@code ignore.thread-names[1]}).
	 * @param threadNames expressions for the whole thread name
	 * @param topFrames expressions for the top frame ({@code class.method})
	 * @param anyFrames expressions for any captured frame ({@code class.method})
	 * @return the rules
	 * @throws InvalidSettingException if an expression is not a valid regular expression
	 */
	public static IgnoreRules of(List<String> threadNames, List<String> topFrames, List<String> anyFrames) {
		return threadNames("ignore.thread-names", threadNames).and(topFrames("ignore.top-frames", topFrames))
			.and(anyFrames("ignore.any-frames", anyFrames));
	}

	/**
	 * Rules for thread names alone.
	 * @param setting where the expressions come from, for the error message
	 * @param regexes expressions for the whole thread name
	 * @return the rules
	 * @throws InvalidSettingException naming {@code setting[index]} if an expression is
	 * not a valid regular expression
	 */
	public static IgnoreRules threadNames(String setting, List<String> regexes) {
		return new IgnoreRules(compiled(setting, regexes), List.of(), List.of());
	}

	/**
	 * Rules for top frames alone.
	 * @param setting where the expressions come from, for the error message
	 * @param regexes expressions for the top frame ({@code class.method})
	 * @return the rules
	 * @throws InvalidSettingException naming {@code setting[index]} if an expression is
	 * not a valid regular expression
	 */
	public static IgnoreRules topFrames(String setting, List<String> regexes) {
		return new IgnoreRules(List.of(), compiled(setting, regexes), List.of());
	}

	/**
	 * Rules for frames anywhere in the stack alone.
	 * @param setting where the expressions come from, for the error message
	 * @param regexes expressions for any captured frame ({@code class.method})
	 * @return the rules
	 * @throws InvalidSettingException naming {@code setting[index]} if an expression is
	 * not a valid regular expression
	 */
	public static IgnoreRules anyFrames(String setting, List<String> regexes) {
		return new IgnoreRules(List.of(), List.of(), compiled(setting, regexes));
	}

	/**
	 * These rules with their thread-name part replaced; a bad expression is named
	 * {@code ignore.thread-names[index]}.
	 */
	IgnoreRules withThreadNames(List<String> regexes) {
		return new IgnoreRules(compiled("ignore.thread-names", regexes), this.topFrames, this.anyFrames);
	}

	/**
	 * These rules with their top-frame part replaced; a bad expression is named
	 * {@code ignore.top-frames[index]}.
	 */
	IgnoreRules withTopFrames(List<String> regexes) {
		return new IgnoreRules(this.threadNames, compiled("ignore.top-frames", regexes), this.anyFrames);
	}

	/**
	 * These rules with their any-frame part replaced; a bad expression is named
	 * {@code ignore.any-frames[index]}.
	 */
	IgnoreRules withAnyFrames(List<String> regexes) {
		return new IgnoreRules(this.threadNames, this.topFrames, compiled("ignore.any-frames", regexes));
	}

	/** These rules and the other's: a thread either leaves out is left out. */
	public IgnoreRules and(IgnoreRules other) {
		if (other.isEmpty()) {
			return this;
		}
		if (isEmpty()) {
			return other;
		}
		return new IgnoreRules(concat(this.threadNames, other.threadNames), concat(this.topFrames, other.topFrames),
				concat(this.anyFrames, other.anyFrames));
	}

	/** Whether no thread is left out. */
	public boolean isEmpty() {
		return this.threadNames.isEmpty() && this.topFrames.isEmpty() && this.anyFrames.isEmpty();
	}

	/** Expressions for the whole thread name. */
	public List<Pattern> threadNames() {
		return this.threadNames;
	}

	/** Expressions for the top frame ({@code class.method}). */
	public List<Pattern> topFrames() {
		return this.topFrames;
	}

	/** Expressions for any captured frame ({@code class.method}). */
	public List<Pattern> anyFrames() {
		return this.anyFrames;
	}

	/** Whether a thread of this name is left out. */
	public boolean ignoresName(String threadName) {
		return matchesAny(this.threadNames, threadName);
	}

	/** Whether a thread with these frames, top first, is left out. */
	public boolean ignoresStack(List<StackFrame> frames) {
		if (!frames.isEmpty() && matchesAny(this.topFrames, frames.get(0).qualifiedMethod())) {
			return true;
		}
		if (!this.anyFrames.isEmpty()) {
			for (StackFrame frame : frames) {
				if (matchesAny(this.anyFrames, frame.qualifiedMethod())) {
					return true;
				}
			}
		}
		return false;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof IgnoreRules rules && regexes(this.threadNames).equals(regexes(rules.threadNames))
				&& regexes(this.topFrames).equals(regexes(rules.topFrames))
				&& regexes(this.anyFrames).equals(regexes(rules.anyFrames));
	}

	@Override
	public int hashCode() {
		return List.of(regexes(this.threadNames), regexes(this.topFrames), regexes(this.anyFrames)).hashCode();
	}

	@Override
	public String toString() {
		return "IgnoreRules[threadNames=" + this.threadNames + ", topFrames=" + this.topFrames + ", anyFrames="
				+ this.anyFrames + "]";
	}

	private static List<Pattern> compiled(String setting, List<String> regexes) {
		List<Pattern> patterns = new ArrayList<>(regexes.size());
		for (int i = 0; i < regexes.size(); i++) {
			String regex = regexes.get(i);
			try {
				patterns.add(Pattern.compile(regex));
			}
			catch (PatternSyntaxException ex) {
				throw new InvalidSettingException(setting + "[" + i + "]", regex,
						"a valid regular expression (" + ex.getDescription() + " at index " + ex.getIndex() + ")");
			}
		}
		return List.copyOf(patterns);
	}

	private static List<String> regexes(List<Pattern> patterns) {
		return patterns.stream().map(Pattern::pattern).toList();
	}

	private static boolean matchesAny(List<Pattern> patterns, String text) {
		for (Pattern pattern : patterns) {
			if (pattern.matcher(text).matches()) {
				return true;
			}
		}
		return false;
	}

	private static List<Pattern> concat(List<Pattern> first, List<Pattern> second) {
		if (second.isEmpty()) {
			return first;
		}
		if (first.isEmpty()) {
			return second;
		}
		List<Pattern> all = new ArrayList<>(first.size() + second.size());
		all.addAll(first);
		all.addAll(second);
		return List.copyOf(all);
	}

}
