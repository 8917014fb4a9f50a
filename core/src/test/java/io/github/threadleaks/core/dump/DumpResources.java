package io.github.threadleaks.core.dump;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** The real dumps kept as test resources under {@code dumps/} (see its README). */
final class DumpResources {

	static final String JDK17_TEXT = "jdk17-thread-print.txt";

	static final String JDK25_TEXT = "jdk25-thread-print.txt";

	static final String JDK25_JSON = "jdk25.json";

	static final String JDK21_JSON = "jdk21-style.json";

	static final String JDK25_TRUNCATED_JSON = "jdk25-truncated-at-control-characters.json";

	private DumpResources() {
	}

	static BufferedReader open(String name) {
		InputStream in = Objects.requireNonNull(DumpResources.class.getResourceAsStream("/dumps/" + name), name);
		return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
	}

	static String text(String name) {
		try (BufferedReader in = open(name)) {
			StringBuilder text = new StringBuilder();
			char[] buffer = new char[8192];
			int read;
			while ((read = in.read(buffer)) > 0) {
				text.append(buffer, 0, read);
			}
			return text.toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
