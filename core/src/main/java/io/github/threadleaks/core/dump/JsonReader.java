package io.github.threadleaks.core.dump;

import java.io.IOException;
import java.io.Reader;
import java.util.BitSet;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A small pull reader of JSON text: it reads one token at a time from a {@link Reader},
 * so a document of any size is read without holding it in memory. Made for the JVM's own
 * thread dump in JSON; core carries no JSON library, since a dependency here would reach
 * every user's test classpath through the JUnit extension.
 *
 * <p>
 * It reads RFC 8259's grammar and rejects, with a {@link DumpFormatException} giving the
 * offset of the character where it stopped: an unexpected character, a misspelt
 * {@code true}, {@code false} or {@code null}, a number outside the grammar ({@code 01},
 * {@code 1.}, {@code -}), a bad escape ({@code \x}, <code>&#92;uZZZZ</code>), an
 * unterminated string, a missing {@code :} after a member name, a missing, doubled or
 * trailing comma, text after the document, and input that ends inside a value. It departs
 * from the RFC in one place, where the JVM's own writer does: control characters pass
 * through strings unescaped. Numbers are skipped, never converted: the dump writes the
 * values read here as strings.
 */
final class JsonReader {

	/** RFC 8259's number. */
	private static final Pattern NUMBER_GRAMMAR = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

	/** How a problem that is the input ending early begins. */
	static final String TRUNCATED = "truncated: ";

	/** What the next value is. */
	enum Token {

		BEGIN_OBJECT, END_OBJECT, BEGIN_ARRAY, END_ARRAY, STRING, NUMBER, TRUE, FALSE, NULL, END

	}

	private final JsonText chars;

	/** The open objects and arrays: whether each level is an object. */
	private final BitSet objects = new BitSet();

	/** The levels whose last member or element is read whole: a ',' comes next. */
	private final BitSet valueRead = new BitSet();

	private int depth;

	/** Whether a member name and its ':' are read: the member's value comes next. */
	private boolean afterName;

	JsonReader(Reader in, String source) {
		this.chars = new JsonText(in, source);
	}

	/**
	 * The next token, without consuming it; white space, and the comma between two
	 * members or elements, are skipped.
	 */
	Token peek() throws IOException {
		int c = this.chars.peekSignificant();
		if (this.depth > 0 && this.valueRead.get(this.depth) && c != '}' && c != ']' && c >= 0) {
			if (c != ',') {
				String expected = this.objects.get(this.depth) ? "',' or '}'" : "',' or ']'";
				throw this.chars.malformed(expected + " expected, found " + JsonText.shown(c));
			}
			this.chars.skip();
			this.valueRead.clear(this.depth);
			c = this.chars.peekSignificant();
			if (c == '}' || c == ']' || c == ',') {
				throw this.chars.malformed("a value expected after ',', found " + JsonText.shown(c));
			}
		}
		else if (this.depth == 0 && this.valueRead.get(0) && c >= 0) {
			throw this.chars.malformed("text after the end of the document: " + JsonText.shown(c));
		}
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
				throw this.chars.malformed("unexpected character " + JsonText.shown(c));
			}
		};
	}

	void beginObject() throws IOException {
		open('{', true);
	}

	void endObject() throws IOException {
		close('}', true);
	}

	void beginArray() throws IOException {
		open('[', false);
	}

	void endArray() throws IOException {
		close(']', false);
	}

	/** Checks that nothing but white space follows the document. */
	void endDocument() throws IOException {
		if (peek() != Token.END) {
			throw this.chars.malformed("text after the end of the document");
		}
	}

	/** Whether the object or array under way has another member or element. */
	boolean hasNext() throws IOException {
		Token next = peek();
		if (next == Token.END) {
			throw this.chars.malformed(TRUNCATED + "the document ends early");
		}
		return next != Token.END_OBJECT && next != Token.END_ARRAY;
	}

	/** The name of the next member of an object. */
	String nextName() throws IOException {
		if (this.depth == 0 || !this.objects.get(this.depth)) {
			throw this.chars.malformed("a member name outside an object");
		}
		peek();
		if (this.afterName) {
			throw this.chars.malformed("a value expected after a member name");
		}
		String name = this.chars.readString();
		if (this.chars.peekSignificant() != ':') {
			throw this.chars.malformed("':' expected after a member name");
		}
		this.chars.skip();
		this.afterName = true;
		return name;
	}

	/** The next string value, unescaped. */
	String nextString() throws IOException {
		peek();
		expectValueHere();
		String value = this.chars.readString();
		valueDone();
		return value;
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
			throw this.chars.malformed("true or false expected, found " + token);
		}
		skipValue();
		return token == Token.TRUE;
	}

	/**
	 * Skips the next value, nested objects and arrays included, checking that it is well
	 * formed.
	 */
	void skipValue() throws IOException {
		int start = this.depth;
		do {
			if (this.depth > start && this.objects.get(this.depth)) {
				if (peek() == Token.END_OBJECT) {
					endObject();
					continue;
				}
				if (peek() == Token.END) {
					throw this.chars.malformed(TRUNCATED + "the document ends early");
				}
				nextName();
			}
			switch (peek()) {
				case BEGIN_OBJECT -> beginObject();
				case BEGIN_ARRAY -> beginArray();
				case END_ARRAY -> {
					if (this.depth == start) {
						throw this.chars.malformed("unexpected character ']'");
					}
					endArray();
				}
				case END_OBJECT -> throw this.chars.malformed("unexpected character '}'");
				case STRING -> nextString();
				case TRUE -> skipLiteral("true");
				case FALSE -> skipLiteral("false");
				case NULL -> skipLiteral("null");
				case NUMBER -> skipNumber();
				case END -> throw this.chars.malformed(TRUNCATED + "the document ends early");
			}
		}
		while (this.depth > start);
	}

	private void open(char bracket, boolean object) throws IOException {
		peek();
		expectValueHere();
		this.chars.expect(bracket);
		this.depth++;
		this.objects.set(this.depth, object);
		this.valueRead.clear(this.depth);
	}

	private void close(char bracket, boolean object) throws IOException {
		peek();
		if (this.depth == 0 || this.objects.get(this.depth) != object || this.afterName) {
			throw this.chars.malformed("unexpected character '" + bracket + "'");
		}
		this.chars.expect(bracket);
		this.depth--;
		valueDone();
	}

	/** A value goes here: not where an object expects a member name. */
	private void expectValueHere() throws IOException {
		if (this.depth > 0 && this.objects.get(this.depth) && !this.afterName) {
			throw this.chars.malformed("a member name expected");
		}
		this.afterName = false;
	}

	private void valueDone() {
		this.valueRead.set(this.depth);
	}

	private void skipLiteral(String literal) throws IOException {
		expectValueHere();
		long start = offsetNow();
		String read = this.chars.readLiteral();
		if (!read.equals(literal)) {
			throw this.chars.malformed(start, "'" + literal + "' expected, found '" + read + "'");
		}
		valueDone();
	}

	private void skipNumber() throws IOException {
		expectValueHere();
		long start = offsetNow();
		String read = this.chars.readLiteral();
		if (!NUMBER_GRAMMAR.matcher(read).matches()) {
			throw this.chars.malformed(start, "bad number '" + read + "'");
		}
		valueDone();
	}

	/**
	 * Where the next character lies, counted in characters from the start of the input.
	 */
	long offsetNow() {
		return this.chars.offsetNow();
	}

}
