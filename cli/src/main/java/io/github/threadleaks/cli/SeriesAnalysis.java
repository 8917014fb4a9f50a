package io.github.threadleaks.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import io.github.threadleaks.core.CreationSites;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.ThreadLeakReport;
import io.github.threadleaks.core.ThreadLeaksSettings;
import org.jspecify.annotations.Nullable;

/**
 * Judges a series of dumps with the engine: each distinct dump, in the order of the
 * dumps' own timestamps, is one sample of a {@link ThreadLeakMonitor} whose source reads
 * the dump and whose clock reads its time. Two passes: the first finds the series
 * ({@link DumpSeries}: its dumps, their times, the duplicates), the second reads the
 * dumps one at a time, so memory holds one dump per input, never the series.
 */
final class SeriesAnalysis {

	/** The fewest dumps the rule can judge: growth needs at least two steps. */
	static final int MIN_DUMPS = 3;

	/** The longest default window: a longer series is judged over its last 30 dumps. */
	static final int MAX_DEFAULT_WINDOW = 30;

	static final int DEFAULT_MIN_GROWTH = 5;

	static final double DEFAULT_MIN_RISE_SHARE = 0.5;

	private final RuleOptions rules;

	private final @Nullable Duration interval;

	private final Consumer<String> errors;

	/**
	 * Problems said so far: a file read twice (counted, then judged) is not blamed twice.
	 */
	private final Set<String> said = new HashSet<>();

	/**
	 * Creates an analysis that reports each bad input once.
	 * @param rules the rule settings given on the command line
	 * @param interval the time one point of the history stands for, or {@code null} for
	 * the series' own
	 * @param errors receives one line per bad input
	 */
	SeriesAnalysis(RuleOptions rules, @Nullable Duration interval, Consumer<String> errors) {
		this.rules = rules;
		this.interval = interval;
		this.errors = errors;
	}

	private void say(String problem) {
		if (this.said.add(problem)) {
			this.errors.accept(problem);
		}
	}

	/**
	 * The engine's report after the last dump, or {@code null} where fewer than
	 * {@value #MIN_DUMPS} distinct dumps could be read.
	 */
	@Nullable Result analyze(List<Path> files) {
		DumpSeries series = DumpSeries.scan(files, this::say);
		if (series.size() < MIN_DUMPS) {
			say("a series needs at least " + MIN_DUMPS + " thread dumps to judge growth; " + series.size()
					+ " could be read"
					+ ((series.duplicates() > 0) ? " (" + series.duplicates() + " duplicates left out)" : ""));
			return null;
		}
		List<Instant> times = series.times();
		ThreadLeaksSettings settings = this.rules.settings(defaults(times, this.interval));
		RecordedCreationSites sites = new RecordedCreationSites();
		DumpThreadSource source = new DumpThreadSource();
		SeriesClock clock = new SeriesClock();
		ThreadLeakMonitor monitor = new ThreadLeakMonitor(settings, source, clock,
				series.recordings() ? sites : CreationSites.NONE);
		int[] judged = { 0 };
		series.replay(sites, (dump) -> {
			clock.set(Objects.requireNonNull(dump.takenAt()));
			source.advance(dump);
			// Dump times are to the second: each dump stands for the interval worked out
			// for the series.
			monitor.sample(settings.sampleInterval());
			judged[0]++;
		}, this::say);
		return new Result(monitor.report(), judged[0], series.read(), series.duplicates(), series.refused(),
				times.get(0), times.get(times.size() - 1), settings);
	}

	/**
	 * Defaults that fit a series of 5 to 30 dumps: the window is the series (up to 30
	 * dumps), a group must grow by 5 threads rising on half the steps; one point stands
	 * for the median time between dumps (the mean where most dumps share their second).
	 */
	private static ThreadLeaksSettings.Builder defaults(List<Instant> sortedTimes, @Nullable Duration given) {
		List<Long> gaps = new ArrayList<>();
		for (int i = 1; i < sortedTimes.size(); i++) {
			gaps.add(Duration.between(sortedTimes.get(i - 1), sortedTimes.get(i)).toMillis());
		}
		Collections.sort(gaps);
		long point = gaps.get(gaps.size() / 2);
		if (point == 0) {
			// Text dumps carry their time to the second: several a second say only the
			// series' mean.
			point = Duration.between(sortedTimes.get(0), sortedTimes.get(sortedTimes.size() - 1)).toMillis()
					/ gaps.size();
		}
		Duration interval = (given != null) ? given
				: Duration.ofMillis(Math.max(ThreadLeaksSettings.MIN_SAMPLE_INTERVAL.toMillis(), point));
		return ThreadLeaksSettings.builder()
			.sampleInterval(interval)
			.window(Math.min(sortedTimes.size(), MAX_DEFAULT_WINDOW))
			.minGrowth(DEFAULT_MIN_GROWTH)
			.minRiseShare(DEFAULT_MIN_RISE_SHARE);
	}

	/**
	 * What the analysis found.
	 *
	 * @param report the engine's report after the last dump
	 * @param dumps how many dumps were judged
	 * @param read how many dumps were read, duplicates included
	 * @param duplicates how many dumps were left out as duplicates
	 * @param refused how many inputs were refused, whole or from a bad dump on
	 * @param first the time of the earliest dump
	 * @param last the time of the latest dump
	 * @param settings the rule settings used
	 */
	record Result(ThreadLeakReport report, int dumps, int read, int duplicates, int refused, Instant first,
			Instant last, ThreadLeaksSettings settings) {

		/**
		 * What was judged, in words: {@code 10 dumps read, 2 duplicates left out, ...}.
		 */
		String series() {
			return this.read + ((this.read == 1) ? " dump" : " dumps") + " read, " + this.duplicates
					+ ((this.duplicates == 1) ? " duplicate" : " duplicates") + " left out, " + this.refused
					+ ((this.refused == 1) ? " input" : " inputs") + " refused; " + this.dumps + " judged from "
					+ this.first + " to " + this.last;
		}

	}

}
