package io.github.threadleaks.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.github.threadleaks.core.dump.DumpedThread;
import io.github.threadleaks.core.dump.FrameText;
import io.github.threadleaks.core.dump.ThreadDump;
import org.jspecify.annotations.Nullable;

/**
 * The series a set of input files makes: every readable dump once (a dump of the same
 * process, time and threads given twice, as two overlapping {@code JFR.dump} snapshots or
 * a copied file give it, counts once) and in the order of the dumps' own timestamps (on a
 * tie, the dump that knows the newest thread last, then the inputs' order). Within one
 * file the file's order holds: a dump whose time is before its predecessor's is taken as
 * of its predecessor's time. Found by reading every input once; memory holds one dump at
 * a time and a few numbers per dump.
 */
final class DumpSeries {

	private final List<Path> files;

	private final List<Entry> entries;

	private final int read;

	private final int refused;

	private final boolean recordings;

	private DumpSeries(List<Path> files, List<Entry> entries, int read, int refused, boolean recordings) {
		this.files = files;
		this.entries = entries;
		this.read = read;
		this.refused = refused;
		this.recordings = recordings;
	}

	/**
	 * Reads every input, saying each one that is refused (and why) to {@code errors}; a
	 * file's dumps before its bad one are kept.
	 */
	static DumpSeries scan(List<Path> files, Consumer<String> errors) {
		List<Entry> entries = new ArrayList<>();
		Set<Key> seen = new HashSet<>();
		int read = 0;
		int refused = 0;
		boolean recordings = false;
		FrameText frames = new FrameText();
		for (int input = 0; input < files.size(); input++) {
			try (DumpInput dumps = DumpInputs.open(files.get(input), frames, new RecordedCreationSites())) {
				recordings |= dumps instanceof JfrDumpInput;
				ThreadDump dump;
				Instant previous = Instant.MIN;
				for (int index = 0; (dump = dumps.next()) != null; index++) {
					read++;
					Instant takenAt = takenAt(dump, previous);
					previous = takenAt;
					if (seen.add(new Key(dump.processId(), takenAt, content(dump)))) {
						entries.add(new Entry(input, index, takenAt, newestThread(dump)));
					}
				}
			}
			catch (BadInputException ex) {
				refused++;
				errors.accept(ex.getMessage());
			}
		}
		return new DumpSeries(List.copyOf(files), inSeriesOrder(entries), read, refused, recordings);
	}

	/**
	 * The inputs' dumps merged by their times, each input's own order kept: of two dumps
	 * of different inputs timed to the same second (text dumps are timed to the second),
	 * the one that knows the newer thread comes later, as a JVM gives each new thread a
	 * higher id; then the inputs' order.
	 */
	private static List<Entry> inSeriesOrder(List<Entry> entries) {
		Map<Integer, Deque<Entry>> byInput = new TreeMap<>();
		for (Entry entry : entries) {
			byInput.computeIfAbsent(entry.input(), (input) -> new ArrayDeque<>()).add(entry);
		}
		Comparator<Entry> earlier = Comparator.comparing(Entry::takenAt)
			.thenComparingLong(Entry::newestThread)
			.thenComparingInt(Entry::input);
		List<Entry> ordered = new ArrayList<>(entries.size());
		while (ordered.size() < entries.size()) {
			Deque<Entry> next = null;
			for (Deque<Entry> input : byInput.values()) {
				if (!input.isEmpty() && (next == null || earlier.compare(input.getFirst(), next.getFirst()) < 0)) {
					next = input;
				}
			}
			ordered.add(Objects.requireNonNull(next).removeFirst());
		}
		return List.copyOf(ordered);
	}

	/** The dump's time, never before its predecessor's in the same file. */
	private static Instant takenAt(ThreadDump dump, Instant previous) {
		// Every input gives its dumps a time, or refuses them.
		Instant takenAt = Objects.requireNonNullElse(dump.takenAt(), Instant.EPOCH);
		return takenAt.isBefore(previous) ? previous : takenAt;
	}

	/**
	 * The highest thread id in the dump: a JVM gives each new thread a higher id, so of
	 * two dumps taken in the same second (text dumps are timed to the second) the later
	 * one mostly knows a newer thread.
	 */
	private static long newestThread(ThreadDump dump) {
		long newest = Long.MIN_VALUE;
		for (DumpedThread thread : dump.threads()) {
			newest = Math.max(newest, thread.id());
		}
		return newest;
	}

	/** A hash of every thread of the dump: its id, name and where it sits. */
	private static long content(ThreadDump dump) {
		long hash = dump.threads().size();
		for (DumpedThread thread : dump.threads()) {
			hash = hash * 1_000_003 + thread.id();
			hash = hash * 1_000_003 + thread.name().hashCode();
			hash = hash * 1_000_003 + thread.fingerprint();
		}
		return hash;
	}

	/** The dumps' times, in the series' order. */
	List<Instant> times() {
		return this.entries.stream().map(Entry::takenAt).toList();
	}

	/** How many dumps the series holds, each once. */
	int size() {
		return this.entries.size();
	}

	/** How many dumps were read, duplicates included. */
	int read() {
		return this.read;
	}

	/** How many dumps were read more than once (the same process, time and threads). */
	int duplicates() {
		return this.read - this.entries.size();
	}

	/** How many inputs were refused, whole or from a bad dump on. */
	int refused() {
		return this.refused;
	}

	/** Whether any input is a JFR recording, whose thread starts tell creation sites. */
	boolean recordings() {
		return this.recordings;
	}

	/**
	 * Reads the series again, handing each dump and its time in the series to
	 * {@code dumps} in the series' order; one input open at a time per file, one dump in
	 * memory per input.
	 * @param sites where the threads of recordings were started, filled on the way
	 * @param dumps receives each dump and its time
	 * @param errors receives an input that fails now but did not before (it changed)
	 */
	void replay(RecordedCreationSites sites, BiConsumer<ThreadDump, Instant> dumps, Consumer<String> errors) {
		FrameText frames = new FrameText();
		Map<Integer, DumpInput> inputs = new HashMap<>();
		int[] cursors = new int[this.files.size()];
		try {
			for (Entry entry : this.entries) {
				DumpInput input = inputs.get(entry.input());
				if (input == null) {
					input = DumpInputs.open(this.files.get(entry.input()), frames, sites);
					inputs.put(entry.input(), input);
				}
				ThreadDump dump = null;
				while (cursors[entry.input()] <= entry.index()) {
					dump = input.next();
					cursors[entry.input()]++;
				}
				if (dump != null) {
					dumps.accept(dump, entry.takenAt());
				}
			}
		}
		catch (BadInputException ex) {
			errors.accept(ex.getMessage());
		}
		finally {
			inputs.values().forEach(DumpInput::close);
		}
	}

	/** One dump of the series: which input holds it, where, and its time. */
	private record Entry(int input, int index, Instant takenAt, long newestThread) {
	}

	/** What makes two dumps the same. */
	private record Key(@Nullable String processId, Instant takenAt, long content) {
	}

}
