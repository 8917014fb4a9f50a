package io.github.threadleaks.core;

/** Short human durations, as Go prints them in goroutine dumps ({@code 12m30s}). */
final class Durations {

	private Durations() {
	}

	static String format(long millis) {
		if (millis < 1000) {
			return millis + "ms";
		}
		long seconds = millis / 1000;
		long hours = seconds / 3600;
		long minutes = (seconds % 3600) / 60;
		long rest = seconds % 60;
		if (hours > 0) {
			return hours + "h" + minutes + "m";
		}
		if (minutes > 0) {
			return minutes + "m" + ((rest > 0) ? rest + "s" : "");
		}
		long tenths = (millis % 1000) / 100;
		return seconds + ((tenths > 0 && seconds < 10) ? "." + tenths : "") + "s";
	}

}
