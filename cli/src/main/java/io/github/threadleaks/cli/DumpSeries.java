package io.github.threadleaks.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.github.threadleaks.core.dump.DumpedThread;
import io.github.threadleaks.core.dump.FrameText;
import io.github.threadleaks.core.dump.ThreadDump;
import org.jspecify.annotations.Nullable;

/**
 * The series a set of input files makes: every readable dump once (a dump of the same
 * process, time and threads given twice, as two overlapping {@code JFR.dump} snapshots or
 * a copied file give it, counts once) and in the order of the dumps' own timestamps (the
 * inputs' order on a tie). Found by reading every input once; memory holds one dump at a
 * time and a few numbers per dump.
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
				for (int index = 0; (dump = dumps.next()) != null; index++) {
					read++;
					Instant takenAt = takenAt(dump);
					if (seen.add(new Key(dump.processId(), takenAt, content(dump)))) {
						entries.add(new Entry(input, index, takenAt));
					}
				}
			}
			catch (BadInputException ex) {
				refused++;
				errors.accept(ex.getMessage());
			}
		}
		entries
			.sort(Comparator.comparing(Entry::takenAt).thenComparingInt(Entry::input).thenComparingInt(Entry::index));
		return new DumpSeries(List.copyOf(files), List.copyOf(entries), read, refused, recordings);
	}

	private static Instant takenAt(ThreadDump dump) {
		// Every input gives its dumps a time, or refuses them.
		Instant takenAt = dump.takenAt();
		return (takenAt != null) ? takenAt : Instant.EPOCH;
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
	 * Reads the series again, handing each dump to {@code dumps} in the series' order;
	 * one input open at a time per file, one dump in memory per input.
	 * @param sites where the threads of recordings were started, filled on the way
	 * @param dumps receives each dump
	 * @param errors receives an input that fails now but did not before (it changed)
	 */
	void replay(RecordedCreationSites sites, Consumer<ThreadDump> dumps, Consumer<String> errors) {
		FrameText frames = new FrameText();
		List<@Nullable DumpInput> inputs = new ArrayList<>(Collections.nCopies(this.files.size(), null));
		int[] cursors = new int[this.files.size()];
		try {
			for (Entry entry : this.entries) {
				DumpInput input = inputs.get(entry.input());
				if (input == null) {
					input = DumpInputs.open(this.files.get(entry.input()), frames, sites);
					inputs.set(entry.input(), input);
				}
				ThreadDump dump = null;
				while (cursors[entry.input()] <= entry.index()) {
					dump = input.next();
					cursors[entry.input()]++;
				}
				if (dump != null) {
					dumps.accept(dump);
				}
			}
		}
		catch (BadInputException ex) {
			errors.accept(ex.getMessage());
		}
		finally {
			for (DumpInput input : inputs) {
				if (input != null) {
					input.close();
				}
			}
		}
	}

	/** One dump of the series: which input holds it, where, and its time. */
	private record Entry(int input, int index, Instant takenAt) {
	}

	/** What makes two dumps the same. */
	private record Key(@Nullable String processId, Instant takenAt, long content) {
	}

}
