package io.github.threadleaks.core.dump;

import java.io.IOException;
import java.io.Reader;

/**
 * The characters of a JSON text for {@link JsonReader}: buffered, with the offset of
 * each, and the grammar's strings (with their escapes) and literals.
 */
final class JsonText {

	private final Reader in;

	private final String source;

	private final char[] buffer = new char[8192];

	private int position;

	private int limit;

	/**
	 * Characters read before the buffer's start: with {@link #position}, where a problem
	 * lies.
	 */
	private long offset;

	private final StringBuilder text = new StringBuilder();

	JsonText(Reader in, String source) {
		this.in = in;
		this.source = source;
	}

	/** Consumes the character {@link #peekChar()} answered. */
	void skip() {
		this.position++;
	}

	/**
	 * The characters up to the next separator, white space, end of an object or array, or
	 * end of input.
	 */
	String readLiteral() throws IOException {
		this.text.setLength(0);
		while (true) {
			int c = peekChar();
			if (c < 0 || c == ',' || c == ':' || c == '}' || c == ']' || isWhitespace(c) || this.text.length() > 64) {
				return this.text.toString();
			}
			this.text.append((char) c);
			this.position++;
		}
	}

	String readString() throws IOException {
		expect('"');
		this.text.setLength(0);
		while (true) {
			int c = read();
			if (c == '"') {
				return this.text.toString();
			}
			if (c == '\\') {
				unescapeInto(this.text);
			}
			else if (c < 0) {
				throw malformed(JsonReader.TRUNCATED + "the document ends inside a string");
			}
			else {
				this.text.append((char) c);
			}
		}
	}

	private void unescapeInto(StringBuilder out) throws IOException {
		long start = offsetNow() - 1;
		int c = read();
		switch (c) {
			case -1 -> throw malformed(JsonReader.TRUNCATED + "the document ends inside a string");
			case '"', '\\', '/' -> out.append((char) c);
			case 'b' -> out.append('\b');
			case 'f' -> out.append('\f');
			case 'n' -> out.append('\n');
			case 'r' -> out.append('\r');
			case 't' -> out.append('\t');
			case 'u' -> {
				int code = 0;
				for (int i = 0; i < 4; i++) {
					int next = read();
					int digit = (next < 0) ? -1 : Character.digit(next, 16);
					if (digit < 0 || next > 'f') {
						throw malformed(start, "bad \\u escape: four hex digits expected");
					}
					code = code * 16 + digit;
				}
				out.append((char) code);
			}
			default -> throw malformed(start, "bad escape '\\" + (char) c + "'");
		}
	}

	void expect(char wanted) throws IOException {
		int c = peekSignificant();
		if (c < 0) {
			throw malformed(JsonReader.TRUNCATED + "the document ends early");
		}
		if (c != wanted) {
			throw malformed("'" + wanted + "' expected, found " + shown(c));
		}
		this.position++;
	}

	static String shown(int c) {
		return (c < 0) ? "the end of the document" : "'" + (char) c + "'";
	}

	/** The next character that is not white space, not consumed. */
	int peekSignificant() throws IOException {
		while (true) {
			int c = peekChar();
			if (isWhitespace(c)) {
				this.position++;
			}
			else {
				return c;
			}
		}
	}

	private static boolean isWhitespace(int c) {
		return c == ' ' || c == '\n' || c == '\r' || c == '\t';
	}

	int peekChar() throws IOException {
		if (this.position == this.limit) {
			this.offset += this.limit;
			this.limit = this.in.read(this.buffer);
			this.position = 0;
			if (this.limit <= 0) {
				this.limit = 0;
				return -1;
			}
		}
		return this.buffer[this.position];
	}

	private int read() throws IOException {
		int c = peekChar();
		if (c >= 0) {
			this.position++;
		}
		return c;
	}

	/**
	 * Where the next character lies, counted in characters from the start of the input.
	 */
	long offsetNow() {
		return this.offset + this.position;
	}

	DumpFormatException malformed(String problem) {
		return malformed(offsetNow(), problem);
	}

	DumpFormatException malformed(long at, String problem) {
		return new DumpFormatException(this.source, problem, -1, at, null);
	}

}
