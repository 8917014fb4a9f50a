package io.github.threadleaks.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives a running application with a {@link RampingLoad} and reads its
 * {@code GET /actuator/threadleaks} once a second: prints each poll that suspects a group
 * and, at the end, on how many polls the report was {@code LEAK_SUSPECTED} and which
 * groups were suspected. Optionally calls a leaking path every few seconds while the
 * clients run, to check that a planted leak is found beside the pool. Usage:
 * {@code RampingLoadTrial <base URL> <plan> <path,path,...> [<leak path> <every seconds>]},
 * the plan as in {@link RampingLoad.Plan#parse(String)}, e.g.
 * {@code RampingLoadTrial http://127.0.0.1:8080/ 3,40,5,2,10,10 /,/vets.html,/owners?lastName=}.
 */
public final class RampingLoadTrial {

	private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");

	private static final Pattern NAME_AND_COUNT = Pattern
		.compile("\"name\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\".*?\"count\"\\s*:\\s*(\\d+)", Pattern.DOTALL);

	private static final Pattern EXPLANATION = Pattern.compile("\"explanation\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

	private RampingLoadTrial() {
	}

	public static void main(String[] args) throws InterruptedException {
		if (args.length != 3 && args.length != 5) {
			throw new IllegalArgumentException(
					"Usage: RampingLoadTrial <base URL> <plan> <path,path,...> [<leak path> <every seconds>]");
		}
		URI base = URI.create(args[0]);
		RampingLoad.Plan plan = RampingLoad.Plan.parse(args[1]);
		List<String> paths = Arrays.asList(args[2].split(","));
		String leak = (args.length == 5) ? args[3] : null;
		int leakEvery = (args.length == 5) ? Integer.parseInt(args[4]) : 0;
		RampingLoad load = new RampingLoad(base, paths, plan);
		URI endpoint = base.resolve("/actuator/threadleaks");
		Map<String, Integer> pollsBySuspect = new TreeMap<>();
		int[] polls = new int[3];
		System.out.printf(Locale.ROOT, "%s against %s, paths %s%s; load average at start: %s%n", plan, base, paths,
				(leak != null) ? ", leak " + leak + " every " + leakEvery + " s while clients run" : "", loadAverage());
		load.run((second) -> {
			if (leak != null && load.clients() > 0 && second % leakEvery == 0) {
				call(base.resolve(leak));
			}
			String report;
			try {
				report = RampingLoad.get(endpoint);
			}
			catch (IOException ex) {
				polls[2]++;
				return;
			}
			polls[0]++;
			Matcher status = STATUS.matcher(report);
			if (status.find() && status.group(1).equals("LEAK_SUSPECTED")) {
				polls[1]++;
				List<String> names = suspects(report);
				names.forEach((name) -> pollsBySuspect.merge(name.replaceAll(" \\(\\d+\\).*", ""), 1, Integer::sum));
				System.out.printf(Locale.ROOT, "%4d s, %2d clients: LEAK_SUSPECTED %s%n", second, load.clients(),
						names);
			}
		});
		System.out.printf(Locale.ROOT,
				"polls: %d, LEAK_SUSPECTED: %d, failed polls: %d; requests: %d (%d failed); load average at end: %s%n",
				polls[0], polls[1], polls[2], load.requests(), load.failures(), loadAverage());
		pollsBySuspect
			.forEach((name, count) -> System.out.printf(Locale.ROOT, "  suspected on %d polls: %s%n", count, name));
	}

	private static void call(URI uri) {
		try {
			RampingLoad.get(uri);
		}
		catch (IOException ex) {
			System.out.println("leak call failed: " + ex.getMessage());
		}
	}

	/** Each suspect as {@code name (count)}, from the report's {@code suspects} array. */
	static List<String> suspects(String report) {
		int start = report.indexOf("\"suspects\"");
		List<String> names = new ArrayList<>();
		if (start < 0) {
			return names;
		}
		start = report.indexOf('[', start);
		for (String object : topLevelObjects(report, start)) {
			Matcher matcher = NAME_AND_COUNT.matcher(object);
			if (matcher.find()) {
				Matcher explanation = EXPLANATION.matcher(object);
				names.add(matcher.group(1) + " (" + matcher.group(2) + ")"
						+ (explanation.find() ? ": " + explanation.group(1) : ""));
			}
		}
		return names;
	}

	/** The objects directly inside the JSON array that opens at {@code open}. */
	private static List<String> topLevelObjects(String json, int open) {
		List<String> objects = new ArrayList<>();
		int depth = 0;
		int objectStart = -1;
		boolean inString = false;
		for (int i = open; i < json.length(); i++) {
			char c = json.charAt(i);
			if (inString) {
				if (c == '\\') {
					i++;
				}
				else if (c == '"') {
					inString = false;
				}
				continue;
			}
			switch (c) {
				case '"' -> inString = true;
				case '[', '{' -> {
					depth++;
					if (c == '{' && depth == 2) {
						objectStart = i;
					}
				}
				case ']', '}' -> {
					depth--;
					if (c == '}' && depth == 1) {
						objects.add(json.substring(objectStart, i + 1));
					}
					if (depth == 0) {
						return objects;
					}
				}
				default -> {
				}
			}
		}
		return objects;
	}

	/** The 1-, 5- and 15-minute load averages, where the system tells them. */
	static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return String.join(" ", Arrays.copyOf(fields, 3));
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

}
