package io.github.threadleaks.core.virtual;

import java.io.IOException;
import java.io.Reader;
import java.util.BitSet;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A small pull reader of JSON text: it reads one token at a time from a {@link Reader},
 * so a document of any size is read without holding it in memory. Made for the JVM's own
 * thread dump in JSON (what {@code HotSpotDiagnosticMXBean.dumpThreads} and
 * {@code jcmd Thread.dump_to_file -format=json} write); core carries no JSON library,
 * since a dependency here would reach every user's test classpath through the JUnit
 * extension.
 *
 * <p>
 * It accepts every RFC 8259 text and rejects, with the offset of the character where it
 * stopped, what a reader of that grammar must: an unexpected character, a misspelt
 * {@code true}, {@code false} or {@code null}, a number outside the grammar ({@code 01},
 * {@code 1.}, {@code -}), a bad escape, an unterminated string, a missing {@code :} after
 * a member name, and input that ends inside a value. It is lenient where the JVM's output
 * gives no cause for care: commas between members and elements count as white space (a
 * missing or doubled comma passes), as does any character Java takes for white space;
 * control characters and lone surrogates pass through strings as they are; and input past
 * the last value asked for is not read. Numbers are skipped, never converted: the dump
 * writes the values read here as strings.
 */
final class JsonReader {

	/** RFC 8259's number. */
	private static final Pattern NUMBER_GRAMMAR = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

	/** What the next value is. */
	enum Token {

		BEGIN_OBJECT, END_OBJECT, BEGIN_ARRAY, END_ARRAY, STRING, NUMBER, TRUE, FALSE, NULL, END

	}

	private final Reader in;

	private final char[] buffer = new char[8192];

	private int position;

	private int limit;

	/**
	 * Characters read before the buffer's start: with {@link #position}, where a problem
	 * lies.
	 */
	private long offset;

	private final StringBuilder text = new StringBuilder();

	JsonReader(Reader in) {
		this.in = in;
	}

	/**
	 * The next token, without consuming it; white space and commas before it are skipped.
	 */
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

	/**
	 * Skips the next value, nested objects and arrays included, checking that it is well
	 * formed.
	 */
	void skipValue() throws IOException {
		// Which open levels are objects, whose members are read as a name, a ':' and a
		// value.
		BitSet objects = new BitSet();
		int depth = 0;
		do {
			if (depth > 0 && objects.get(depth)) {
				Token next = peek();
				if (next == Token.END_OBJECT) {
					this.position++;
					depth--;
					continue;
				}
				if (next == Token.END) {
					throw malformed("unexpected end of input");
				}
				nextName();
			}
			switch (peek()) {
				case BEGIN_OBJECT -> {
					this.position++;
					objects.set(++depth);
				}
				case BEGIN_ARRAY -> {
					this.position++;
					objects.clear(++depth);
				}
				case END_ARRAY -> {
					if (depth == 0) {
						throw malformed("unexpected character ']'");
					}
					this.position++;
					depth--;
				}
				case END_OBJECT -> throw malformed("unexpected character '}'");
				case STRING -> nextString();
				case TRUE -> skipLiteral("true");
				case FALSE -> skipLiteral("false");
				case NULL -> skipLiteral("null");
				case NUMBER -> skipNumber();
				case END -> throw malformed("unexpected end of input");
			}
		}
		while (depth > 0);
	}

	private void skipLiteral(String literal) throws IOException {
		long start = offsetNow();
		String read = readLiteral();
		if (!read.equals(literal)) {
			throw malformed(start, "'" + literal + "' expected, found '" + read + "'");
		}
	}

	private void skipNumber() throws IOException {
		long start = offsetNow();
		String read = readLiteral();
		if (!NUMBER_GRAMMAR.matcher(read).matches()) {
			throw malformed(start, "bad number '" + read + "'");
		}
	}

	/**
	 * The characters up to the next separator, white space, end of an object or array, or
	 * end of input.
	 */
	private String readLiteral() throws IOException {
		this.text.setLength(0);
		while (true) {
			int c = peekChar();
			if (c < 0 || c == ',' || c == ':' || c == '}' || c == ']' || Character.isWhitespace(c)) {
				return this.text.toString();
			}
			this.text.append((char) c);
			this.position++;
		}
	}

	private void unescapeInto(StringBuilder out) throws IOException {
		long start = offsetNow() - 1;
		int c = read();
		switch (c) {
			case -1 -> throw malformed("unterminated string");
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
						throw malformed(start, "bad \\u escape: four hex digits expected");
					}
					code = code * 16 + digit;
				}
				out.append((char) code);
			}
			default -> throw malformed(start, "bad escape '\\" + (char) c + "'");
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
	private long offsetNow() {
		return this.offset + this.position;
	}

	private IOException malformed(String problem) {
		return malformed(offsetNow(), problem);
	}

	private static IOException malformed(long at, String problem) {
		return new IOException("Malformed JSON at offset " + at + ": " + problem);
	}

}
