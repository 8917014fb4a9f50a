package io.github.threadleaks.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A reachability report as the endpoint's JSON: records by their components, times as
 * ISO-8601 text. The leak report is written by core's {@code ThreadLeakReportJson}.
 */
final class JsonReport {

	private JsonReport() {
	}

	/** Any value as JSON, records by their components. */
	static String value(Object value) {
		StringBuilder json = new StringBuilder(1024);
		write(json, value);
		return json.append('\n').toString();
	}

	private static void write(StringBuilder json, @Nullable Object value) {
		if (value == null) {
			json.append("null");
		}
		else if (value instanceof String || value instanceof Enum<?> || value instanceof Instant) {
			string(json, value.toString());
		}
		else if (value instanceof Number || value instanceof Boolean) {
			json.append(value);
		}
		else if (value instanceof List<?> list) {
			json.append('[');
			for (int i = 0; i < list.size(); i++) {
				json.append((i > 0) ? "," : "");
				write(json, list.get(i));
			}
			json.append(']');
		}
		else if (value instanceof Record record) {
			json.append('{');
			boolean first = true;
			for (RecordComponent component : record.getClass().getRecordComponents()) {
				first = field(json, first, component.getName(), read(component, record));
			}
			json.append('}');
		}
		else if (value instanceof Map<?, ?> map) {
			json.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				first = field(json, first, String.valueOf(entry.getKey()), entry.getValue());
			}
			json.append('}');
		}
		else {
			string(json, value.toString());
		}
	}

	private static boolean field(StringBuilder json, boolean first, String name, @Nullable Object value) {
		json.append(first ? "" : ",");
		string(json, name);
		json.append(':');
		write(json, value);
		return false;
	}

	private static @Nullable Object read(RecordComponent component, Record record) {
		try {
			return component.getAccessor().invoke(record);
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			throw new IllegalStateException("Cannot read " + component.getName() + " of " + record.getClass(), ex);
		}
	}

	static void string(StringBuilder json, String text) {
		json.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		json.append('"');
	}

}
