package io.github.threadleaks.core.virtual;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import io.github.threadleaks.core.virtual.JsonReader.Token;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class JsonReaderTests {

	@Test
	void readsAnObjectsMembersInOrder() throws IOException {
		JsonReader json = reader("{\"name\": \"worker-1\", \"virtual\": true, \"daemon\": false, \"owner\": null}");
		json.beginObject();
		assertThat(json.nextName()).isEqualTo("name");
		assertThat(json.nextString()).isEqualTo("worker-1");
		assertThat(json.nextName()).isEqualTo("virtual");
		assertThat(json.nextBoolean()).isTrue();
		assertThat(json.nextName()).isEqualTo("daemon");
		assertThat(json.nextBoolean()).isFalse();
		assertThat(json.nextName()).isEqualTo("owner");
		assertThat(json.nextStringOrNull()).isNull();
		assertThat(json.hasNext()).isFalse();
		json.endObject();
		assertThat(json.peek()).isEqualTo(Token.END);
	}

	@Test
	void readsArraysAndEmptyOnes() throws IOException {
		JsonReader json = reader("[\"a\", \"b\", [], {}, \"c\"]");
		json.beginArray();
		assertThat(json.nextString()).isEqualTo("a");
		assertThat(json.nextString()).isEqualTo("b");
		json.beginArray();
		assertThat(json.hasNext()).isFalse();
		json.endArray();
		json.beginObject();
		assertThat(json.hasNext()).isFalse();
		json.endObject();
		assertThat(json.nextStringOrNull()).isEqualTo("c");
		assertThat(json.hasNext()).isFalse();
		json.endArray();
	}

	@Test
	void tellsEachKindOfValueBeforeReadingIt() throws IOException {
		JsonReader json = reader("[{}, [], \"s\", -1.5e3, true, false, null]");
		json.beginArray();
		List<Token> tokens = new ArrayList<>();
		while (json.hasNext()) {
			tokens.add(json.peek());
			json.skipValue();
		}
		json.endArray();
		assertThat(tokens).containsExactly(Token.BEGIN_OBJECT, Token.BEGIN_ARRAY, Token.STRING, Token.NUMBER,
				Token.TRUE, Token.FALSE, Token.NULL);
	}

	@Test
	void unescapesEveryEscapeOfTheGrammar() throws IOException {
		assertThat(string("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t\"")).isEqualTo("q\" b\\ s/ \b\f\n\r\t");
		assertThat(string("\"caf\\u00e9 \\u00E9\"")).isEqualTo("café é");
		assertThat(string("\"\\u0000\"")).isEqualTo("\u0000");
	}

	@Test
	void joinsASurrogatePairIntoOneCodePoint() throws IOException {
		String face = string("\"\\ud83d\\ude00\"");
		assertThat(face).isEqualTo("\uD83D\uDE00");
		assertThat(face.codePointCount(0, face.length())).isOne();
		assertThat(face.codePointAt(0)).isEqualTo(0x1F600);
	}

	@Test
	void keepsUnescapedNonAsciiText() throws IOException {
		assertThat(string("\"über \uD83D\uDE00\"")).isEqualTo("über \uD83D\uDE00");
	}

	@ParameterizedTest
	@CsvSource({ "0", "-0", "7", "-12", "3.25", "1e9", "1E+9", "2.5e-3", "-0.0", "123456789012345678901234567890" })
	void skipsEveryNumberOfTheGrammar(String number) throws IOException {
		JsonReader json = reader("[" + number + ", \"after\"]");
		json.beginArray();
		assertThat(json.peek()).isEqualTo(Token.NUMBER);
		json.skipValue();
		assertThat(json.nextString()).isEqualTo("after");
		json.endArray();
	}

	@Test
	void skipsNestedValuesWholeAndGoesOnAfterThem() throws IOException {
		JsonReader json = reader(
				"{\"skip\": {\"a\": [1, {\"b\": [true, null, \"]}\"]}, []], \"c\": {}}, \"keep\": \"x\"}");
		json.beginObject();
		assertThat(json.nextName()).isEqualTo("skip");
		json.skipValue();
		assertThat(json.nextName()).isEqualTo("keep");
		assertThat(json.nextString()).isEqualTo("x");
		json.endObject();
	}

	@Test
	void ignoresWhiteSpaceBetweenTokens() throws IOException {
		JsonReader json = reader(" \t\r\n{ \n\t\"a\" \r\n:\t [ \"b\" \n, \r \"c\"\t] \n}\n ");
		json.beginObject();
		assertThat(json.nextName()).isEqualTo("a");
		json.beginArray();
		assertThat(json.nextString()).isEqualTo("b");
		assertThat(json.nextString()).isEqualTo("c");
		json.endArray();
		json.endObject();
		assertThat(json.peek()).isEqualTo(Token.END);
	}

	@Test
	void readsStringsLongerThanItsBuffer() throws IOException {
		String longText = "x".repeat(20_000) + "\\u00e9" + "y".repeat(10_000);
		JsonReader json = reader("[\"" + longText + "\", \"z\"]");
		json.beginArray();
		String read = json.nextString();
		assertThat(read).hasSize(30_001).startsWith("xxx").endsWith("yyy");
		assertThat(read.charAt(20_000)).isEqualTo('é');
		assertThat(json.nextString()).isEqualTo("z");
	}

	@Test
	void saysWhereAProblemLiesPastTheFirstBuffer() {
		String padding = " ".repeat(10_000);
		assertThatIOException().isThrownBy(() -> reader(padding + "@").peek())
			.withMessage("Malformed JSON at offset 10000: unexpected character '@'");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', value = {
			"`{\"a\" 1}`|Malformed JSON at offset 5: ':' expected after a member name",
			"`[tru]`|Malformed JSON at offset 1: 'true' expected, found 'tru'",
			"`[nul]`|Malformed JSON at offset 1: 'null' expected, found 'nul'",
			"`[falsey]`|Malformed JSON at offset 1: 'false' expected, found 'falsey'",
			"`[01]`|Malformed JSON at offset 1: bad number '01'", "`[1.]`|Malformed JSON at offset 1: bad number '1.'",
			"`[-]`|Malformed JSON at offset 1: bad number '-'", "`[1e]`|Malformed JSON at offset 1: bad number '1e'",
			"`[+1]`|Malformed JSON at offset 1: unexpected character '+'",
			"`[\"a\\x\"]`|Malformed JSON at offset 3: bad escape '\\x'",
			"`[\"\\u12g4\"]`|Malformed JSON at offset 2: bad \\u escape: four hex digits expected",
			"`[\"\\u12`|Malformed JSON at offset 2: bad \\u escape: four hex digits expected",
			"`[\"abc`|Malformed JSON at offset 5: unterminated string",
			"`[\"abc\\`|Malformed JSON at offset 6: unterminated string",
			"`{\"a\": [1, {\"b\": 2}`|Malformed JSON at offset 18: unexpected end of input",
			"`{\"a\": `|Malformed JSON at offset 6: unexpected end of input",
			"`[}`|Malformed JSON at offset 1: unexpected character '}'" })
	void rejectsMalformedOrTruncatedInputSayingWhere(String input, String message) {
		assertThatIOException().isThrownBy(() -> reader(input).skipValue()).withMessage(message);
	}

	@Test
	void rejectsAStructureOtherThanTheOneAskedFor() {
		assertThatIOException().isThrownBy(() -> reader("[1]").beginObject())
			.withMessage("Malformed JSON at offset 0: '{' expected, found '['");
		assertThatIOException().isThrownBy(() -> reader("").beginArray())
			.withMessage("Malformed JSON at offset 0: '[' expected, found end of input");
		assertThatIOException().isThrownBy(() -> reader("[1]").nextBoolean())
			.withMessage("Malformed JSON at offset 0: a boolean expected, found BEGIN_ARRAY");
		assertThatIOException().isThrownBy(() -> reader("{\"a\"").nextString())
			.withMessage("Malformed JSON at offset 0: '\"' expected, found '{'");
	}

	@Test
	void rejectsATruncatedObjectBeingRead() throws IOException {
		JsonReader json = reader("{\"a\": \"b\"");
		json.beginObject();
		assertThat(json.nextName()).isEqualTo("a");
		assertThat(json.nextString()).isEqualTo("b");
		assertThat(json.hasNext()).isFalse();
		assertThatIOException().isThrownBy(json::endObject)
			.withMessage("Malformed JSON at offset 9: '}' expected, found end of input");
	}

	private static String string(String json) throws IOException {
		return reader(json).nextString();
	}

	private static JsonReader reader(String json) {
		return new JsonReader(new StringReader(json));
	}

}
