package io.github.threadleaks.core.virtual;

import java.io.IOException;
import java.io.Reader;

import org.jspecify.annotations.Nullable;

/**
 * A small pull reader of JSON text: it reads one token at a time from a {@link Reader}, so a document of any size
 * is read without holding it in memory. Just enough for the JVM's thread dump; core carries no JSON library.
 */
final class JsonReader {

	/** What the next value is. */
	enum Token {

		BEGIN_OBJECT, END_OBJECT, BEGIN_ARRAY, END_ARRAY, STRING, NUMBER, TRUE, FALSE, NULL, END

	}

	private final Reader in;

	private final char[] buffer = new char[8192];

	private int position;

	private int limit;

	private final StringBuilder text = new StringBuilder();

	JsonReader(Reader in) {
		this.in = in;
	}

	/** The next token, without consuming it; separators ({@code ,} and {@code :}) are skipped. */
	Token peek() throws IOException {
		int c = peekSignificant();
		return switch (c) {
			case -1 -> Token.END;
			case '{' -> Token.BEGIN_OBJECT;
			case '}' -> Token.END_OBJECT;
			case '[' -> Token.BEGIN_ARRAY;
			case ']' -> Token.END_ARRAY;
			case '"' -> Token.STRING;
			case 't' -> Token.TRUE;
			case 'f' -> Token.FALSE;
			case 'n' -> Token.NULL;
			default -> {
				if (c == '-' || (c >= '0' && c <= '9')) {
					yield Token.NUMBER;
				}
				throw malformed("unexpected character '" + (char) c + "'");
			}
		};
	}

	void beginObject() throws IOException {
		expect('{');
	}

	void endObject() throws IOException {
		expect('}');
	}

	void beginArray() throws IOException {
		expect('[');
	}

	void endArray() throws IOException {
		expect(']');
	}

	/** Whether the object or array under way has another member or element. */
	boolean hasNext() throws IOException {
		Token next = peek();
		return next != Token.END_OBJECT && next != Token.END_ARRAY && next != Token.END;
	}

	/** The name of the next member of an object. */
	String nextName() throws IOException {
		String name = nextString();
		if (peekSignificant() != ':') {
			throw malformed("':' expected after a member name");
		}
		this.position++;
		return name;
	}

	/** The next string value, unescaped. */
	String nextString() throws IOException {
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
				throw malformed("unterminated string");
			}
			else {
				this.text.append((char) c);
			}
		}
	}

	/** The next string value, or {@code null} for a JSON {@code null}. */
	@Nullable String nextStringOrNull() throws IOException {
		if (peek() == Token.NULL) {
			skipValue();
			return null;
		}
		return nextString();
	}

	/** The next {@code true} or {@code false}. */
	boolean nextBoolean() throws IOException {
		Token token = peek();
		if (token != Token.TRUE && token != Token.FALSE) {
			throw malformed("a boolean expected, found " + token);
		}
		skipValue();
		return token == Token.TRUE;
	}

	/** Skips the next value, nested objects and arrays included. */
	void skipValue() throws IOException {
		int depth = 0;
		do {
			Token token = peek();
			switch (token) {
				case BEGIN_OBJECT, BEGIN_ARRAY -> {
					this.position++;
					depth++;
				}
				case END_OBJECT, END_ARRAY -> {
					this.position++;
					depth--;
				}
				case STRING -> {
					nextString();
					if (depth > 0 && peekSignificant() == ':') {
						this.position++;
					}
				}
				case TRUE, FALSE, NULL, NUMBER -> skipLiteral();
				case END -> throw malformed("unexpected end of input");
			}
		}
		while (depth > 0);
	}

	private void skipLiteral() throws IOException {
		while (true) {
			int c = peekChar();
			if (c < 0 || c == ',' || c == '}' || c == ']' || Character.isWhitespace(c)) {
				return;
			}
			this.position++;
		}
	}

	private void unescapeInto(StringBuilder out) throws IOException {
		int c = read();
		switch (c) {
			case '"', '\\', '/' -> out.append((char) c);
			case 'b' -> out.append('\b');
			case 'f' -> out.append('\f');
			case 'n' -> out.append('\n');
			case 'r' -> out.append('\r');
			case 't' -> out.append('\t');
			case 'u' -> {
				int code = 0;
				for (int i = 0; i < 4; i++) {
					int digit = Character.digit(read(), 16);
					if (digit < 0) {
						throw malformed("bad \\u escape");
					}
					code = code * 16 + digit;
				}
				out.append((char) code);
			}
			default -> throw malformed("bad escape");
		}
	}

	private void expect(char wanted) throws IOException {
		int c = peekSignificant();
		if (c != wanted) {
			throw malformed("'" + wanted + "' expected, found " + ((c < 0) ? "end of input" : "'" + (char) c + "'"));
		}
		this.position++;
	}

	/** The next character that is neither white space nor a separator, not consumed. */
	private int peekSignificant() throws IOException {
		while (true) {
			int c = peekChar();
			if (c == ',' || Character.isWhitespace(c)) {
				this.position++;
			}
			else {
				return c;
			}
		}
	}

	private int peekChar() throws IOException {
		if (this.position == this.limit) {
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

	private static IOException malformed(String problem) {
		return new IOException("Malformed JSON: " + problem);
	}

}
