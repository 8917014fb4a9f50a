package io.github.threadleaks.junit;

import java.util.Collection;

/**
 * The run's summary as a JSON document, for CI to keep: written with no library, since
 * the extension's dependencies reach every user's test classpath.
 */
final class RunReportJson {

	private final StringBuilder text = new StringBuilder();

	private boolean first = true;

	RunReportJson beginObject() {
		separate();
		this.text.append('{');
		this.first = true;
		return this;
	}

	RunReportJson endObject() {
		this.text.append('}');
		this.first = false;
		return this;
	}

	RunReportJson beginArray(String name) {
		name(name);
		this.text.append('[');
		this.first = true;
		return this;
	}

	RunReportJson endArray() {
		this.text.append(']');
		this.first = false;
		return this;
	}

	RunReportJson beginObject(String name) {
		name(name);
		this.text.append('{');
		this.first = true;
		return this;
	}

	RunReportJson field(String name, long value) {
		name(name);
		this.text.append(value);
		this.first = false;
		return this;
	}

	RunReportJson field(String name, String value) {
		name(name);
		string(value);
		this.first = false;
		return this;
	}

	RunReportJson field(String name, Collection<String> values) {
		beginArray(name);
		for (String value : values) {
			separate();
			string(value);
			this.first = false;
		}
		return endArray();
	}

	@Override
	public String toString() {
		return this.text.toString();
	}

	private void name(String name) {
		separate();
		string(name);
		this.text.append(':');
		this.first = true;
	}

	private void separate() {
		if (!this.first) {
			this.text.append(',');
		}
	}

	/** A JSON string: quotes, backslashes and every control character escaped. */
	private void string(String value) {
		this.text.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> this.text.append("\\\"");
				case '\\' -> this.text.append("\\\\");
				case '\n' -> this.text.append("\\n");
				case '\r' -> this.text.append("\\r");
				case '\t' -> this.text.append("\\t");
				default -> {
					if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) && !validSurrogate(value, i)) {
						this.text.append(String.format("\\u%04x", (int) c));
					}
					else {
						this.text.append(c);
					}
				}
			}
		}
		this.text.append('"');
	}

	private static boolean validSurrogate(String value, int i) {
		char c = value.charAt(i);
		if (Character.isHighSurrogate(c)) {
			return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
		}
		return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
	}

}
