package io.github.threadleaks.cli;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A small JSON reader: a document into maps, lists, strings, booleans and {@code null}
 * (numbers are kept as their text). Just enough for one JDK thread dump at a time; the
 * command line carries no JSON library.
 */
final class JsonText {

	private final Reader in;

	private int peeked = -2;

	private long offset;

	private JsonText(Reader in) {
		this.in = in;
	}

	/** Reads one document. */
	static @Nullable Object parse(Reader in) throws IOException, Malformed {
		JsonText json = new JsonText(in);
		Object value = json.value();
		if (json.significant() != -1) {
			throw json.malformed("text after the end of the document");
		}
		return value;
	}

	private @Nullable Object value() throws IOException, Malformed {
		int c = significant();
		switch (c) {
			case '{':
				return object();
			case '[':
				return array();
			case '"':
				read();
				return string();
			case 't':
				literal("true");
				return Boolean.TRUE;
			case 'f':
				literal("false");
				return Boolean.FALSE;
			case 'n':
				literal("null");
				return null;
			case -1:
				throw malformed("the document ends early");
			default:
				if (c == '-' || (c >= '0' && c <= '9')) {
					return number();
				}
				throw malformed("unexpected character '" + (char) c + "'");
		}
	}

	private Map<String, @Nullable Object> object() throws IOException, Malformed {
		read();
		Map<String, @Nullable Object> object = new LinkedHashMap<>();
		if (significant() == '}') {
			read();
			return object;
		}
		while (true) {
			if (significant() != '"') {
				throw malformed("expected a name");
			}
			read();
			String name = string();
			if (significant() != ':') {
				throw malformed("expected ':'");
			}
			read();
			object.put(name, value());
			int c = significant();
			read();
			if (c == '}') {
				return object;
			}
			if (c != ',') {
				throw malformed((c == -1) ? "the document ends early" : "expected ',' or '}'");
			}
		}
	}

	private List<@Nullable Object> array() throws IOException, Malformed {
		read();
		List<@Nullable Object> array = new ArrayList<>();
		if (significant() == ']') {
			read();
			return array;
		}
		while (true) {
			array.add(value());
			int c = significant();
			read();
			if (c == ']') {
				return array;
			}
			if (c != ',') {
				throw malformed((c == -1) ? "the document ends early" : "expected ',' or ']'");
			}
		}
	}

	private String string() throws IOException, Malformed {
		StringBuilder text = new StringBuilder();
		while (true) {
			int c = read();
			if (c == -1) {
				throw malformed("the document ends inside a string");
			}
			if (c == '"') {
				return text.toString();
			}
			if (c == '\\') {
				int escaped = read();
				switch (escaped) {
					case 'n' -> text.append('\n');
					case 't' -> text.append('\t');
					case 'r' -> text.append('\r');
					case 'b' -> text.append('\b');
					case 'f' -> text.append('\f');
					case 'u' -> text.append((char) Integer.parseInt(
							new String(new char[] { (char) read(), (char) read(), (char) read(), (char) read() }), 16));
					case -1 -> throw malformed("the document ends inside a string");
					default -> text.append((char) escaped);
				}
			}
			else {
				text.append((char) c);
			}
		}
	}

	private String number() throws IOException {
		StringBuilder text = new StringBuilder();
		int c = peek();
		while (c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' || (c >= '0' && c <= '9')) {
			text.append((char) read());
			c = peek();
		}
		return text.toString();
	}

	private void literal(String word) throws IOException, Malformed {
		for (int i = 0; i < word.length(); i++) {
			if (read() != word.charAt(i)) {
				throw malformed("unexpected text, expected '" + word + "'");
			}
		}
	}

	private int significant() throws IOException {
		int c = peek();
		while (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\uFEFF') {
			read();
			c = peek();
		}
		return c;
	}

	private int peek() throws IOException {
		if (this.peeked == -2) {
			this.peeked = this.in.read();
		}
		return this.peeked;
	}

	private int read() throws IOException {
		int c = peek();
		this.peeked = -2;
		if (c != -1) {
			this.offset++;
		}
		return c;
	}

	private Malformed malformed(String problem) {
		return new Malformed(problem + " at character " + this.offset);
	}

	/** The document is not JSON; the message says where. */
	static final class Malformed extends Exception {

		private static final long serialVersionUID = 1L;

		Malformed(String message) {
			super(message);
		}

	}

}
