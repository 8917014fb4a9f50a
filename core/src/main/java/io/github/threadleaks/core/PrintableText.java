package io.github.threadleaks.core;

/**
 * Text from a watched program made safe to show: a thread name is chosen by that program,
 * and one holding terminal control sequences ({@code ESC [2J}) would act on the terminal
 * of whoever reads a report. Every control character (C0, DEL and C1) is written as a
 * Java escape ({@code \n}, {@code \t}, <code>&#92;u001b</code>); all else is kept.
 *
 * @since 0.1.0
 */
public final class PrintableText {

	private PrintableText() {
	}

	/** The text with every control character escaped; the same instance where none is. */
	public static String of(String text) {
		int first = firstControl(text);
		if (first < 0) {
			return text;
		}
		StringBuilder printable = new StringBuilder(text.length() + 16).append(text, 0, first);
		for (int i = first; i < text.length(); i++) {
			char c = text.charAt(i);
			if (!Character.isISOControl(c)) {
				printable.append(c);
			}
			else if (c == '\n') {
				printable.append("\\n");
			}
			else if (c == '\t') {
				printable.append("\\t");
			}
			else if (c == '\r') {
				printable.append("\\r");
			}
			else {
				printable.append(String.format("\\u%04x", (int) c));
			}
		}
		return printable.toString();
	}

	private static int firstControl(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (Character.isISOControl(text.charAt(i))) {
				return i;
			}
		}
		return -1;
	}

}
