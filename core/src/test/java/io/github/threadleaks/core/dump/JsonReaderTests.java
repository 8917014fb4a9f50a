package io.github.threadleaks.core.dump;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import io.github.threadleaks.core.dump.JsonReader.Token;
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
			.withMessage("json: unexpected character '@' at offset 10000");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			value = { "`{\"a\" 1}`|json: ':' expected after a member name at offset 5",
					"`[tru]`|json: 'true' expected, found 'tru' at offset 1",
					"`[nul]`|json: 'null' expected, found 'nul' at offset 1",
					"`[falsey]`|json: 'false' expected, found 'falsey' at offset 1",
					"`[01]`|json: bad number '01' at offset 1", "`[1.]`|json: bad number '1.' at offset 1",
					"`[-]`|json: bad number '-' at offset 1", "`[1e]`|json: bad number '1e' at offset 1",
					"`[+1]`|json: unexpected character '+' at offset 1",
					"`[\"a\\x\"]`|json: bad escape '\\x' at offset 3",
					"`[\"\\u12g4\"]`|json: bad \\u escape: four hex digits expected at offset 2",
					"`[\"\\u12`|json: bad \\u escape: four hex digits expected at offset 2",
					"`[\"abc`|json: truncated: the document ends inside a string at offset 5",
					"`[\"abc\\`|json: truncated: the document ends inside a string at offset 6",
					"`{\"a\": [1, {\"b\": 2}`|json: truncated: the document ends early at offset 18",
					"`{\"a\": `|json: truncated: the document ends early at offset 6",
					"`[}`|json: unexpected character '}' at offset 1" })
	void rejectsMalformedOrTruncatedInputSayingWhere(String input, String message) {
		assertThatIOException().isThrownBy(() -> reader(input).skipValue()).withMessage(message);
	}

	@Test
	void rejectsAStructureOtherThanTheOneAskedFor() {
		assertThatIOException().isThrownBy(() -> reader("[1]").beginObject())
			.withMessage("json: '{' expected, found '[' at offset 0");
		assertThatIOException().isThrownBy(() -> reader("").beginArray())
			.withMessage("json: truncated: the document ends early at offset 0");
		assertThatIOException().isThrownBy(() -> reader("[1]").nextBoolean())
			.withMessage("json: true or false expected, found BEGIN_ARRAY at offset 0");
		assertThatIOException().isThrownBy(() -> reader("{\"a\"").nextString())
			.withMessage("json: '\"' expected, found '{' at offset 0");
	}

	@Test
	void rejectsATruncatedObjectBeingRead() throws IOException {
		JsonReader json = reader("{\"a\": \"b\"");
		json.beginObject();
		assertThat(json.nextName()).isEqualTo("a");
		assertThat(json.nextString()).isEqualTo("b");
		assertThatIOException().isThrownBy(json::hasNext)
			.withMessage("json: truncated: the document ends early at offset 9");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			value = { "`[1 2]`|json: ',' or ']' expected, found '2' at offset 3",
					"`[1,,2]`|json: a value expected after ',', found ',' at offset 3",
					"`[1,]`|json: a value expected after ',', found ']' at offset 3",
					"`{\"a\": 1,}`|json: a value expected after ',', found '}' at offset 8",
					"`{\"a\": 1 \"b\": 2}`|json: ',' or '}' expected, found '\"' at offset 8",
					"`{,\"a\": 1}`|json: unexpected character ',' at offset 1",
					"`{\"a\": }`|json: unexpected character '}' at offset 6",
					"`{\"a\"}`|json: ':' expected after a member name at offset 4",
					"`{1: 2}`|json: '\"' expected, found '1' at offset 1" })
	void rejectsCommasOutsideTheGrammar(String input, String message) {
		assertThatIOException().isThrownBy(() -> reader(input).skipValue()).withMessage(message);
	}

	@Test
	void rejectsTextAfterTheDocument() throws IOException {
		JsonReader json = reader("{} {}");
		json.skipValue();
		assertThatIOException().isThrownBy(json::endDocument)
			.withMessage("json: text after the end of the document: '{' at offset 3");
	}

	@Test
	void rejectsAnEscapeWithoutFourHexDigitsWhateverFollows() {
		assertThatIOException().isThrownBy(() -> string("\"\\uZZZZ\""))
			.withMessage("json: bad \\u escape: four hex digits expected at offset 1");
		// Digits of other scripts are digits to Character.digit, not to JSON.
		assertThatIOException().isThrownBy(() -> string("\"\\u\u0661\u0662\u0663\u0664\""))
			.withMessage("json: bad \\u escape: four hex digits expected at offset 1");
	}

	private static String string(String json) throws IOException {
		return reader(json).nextString();
	}

	private static JsonReader reader(String json) {
		return new JsonReader(new StringReader(json), "json");
	}

}
