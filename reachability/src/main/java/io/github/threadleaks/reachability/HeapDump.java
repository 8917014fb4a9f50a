package io.github.threadleaks.reachability;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A heap dump read once front to back ({@link HprofScanner}) into compact tables, with
 * its records readable again one by one ({@link HeapRecords}) and its threads.
 */
final class HeapDump implements AutoCloseable {

	private final HprofInput sequential;

	private final HprofInput random;

	private final HprofScanner scan;

	private final HeapRecords records;

	private final List<HeapThread> threads;

	private HeapDump(HprofInput sequential, HprofInput random) throws IOException {
		this.sequential = sequential;
		this.random = random;
		this.scan = HprofScanner.scan(sequential);
		this.random.idSize(sequential.idSize());
		this.records = new HeapRecords(random, this.scan);
		this.threads = readThreads();
	}

	/**
	 * Reads the dump.
	 * @param file an HPROF heap dump
	 * @return the indexed dump, to close when done
	 * @throws IOException where the file cannot be read, or is truncated or malformed
	 * (the message names the file and the offset)
	 */
	static HeapDump open(Path file) throws IOException {
		HprofInput sequential = new HprofInput(file, HprofInput.SEQUENTIAL);
		HprofInput random = null;
		try {
			random = new HprofInput(file, HprofInput.RANDOM);
			return new HeapDump(sequential, random);
		}
		catch (IOException | RuntimeException ex) {
			sequential.close();
			if (random != null) {
				random.close();
			}
			throw ex;
		}
	}

	ObjectTable objects() {
		return this.scan.objects;
	}

	List<HeapRoot> roots() {
		return this.scan.roots;
	}

	HeapRecords records() {
		return this.records;
	}

	/** The threads the dump's thread-object roots name, in dump order. */
	List<HeapThread> threads() {
		return this.threads;
	}

	/**
	 * Reads every thread, with a second pass over the file for the byte arrays of their
	 * names (primitive arrays are not indexed).
	 */
	private List<HeapThread> readThreads() throws IOException {
		LongMap<Long> names = new LongMap<>();
		for (HeapRoot root : roots()) {
			HeapRecords.Instance thread = (root.kind() == HeapRoot.THREAD_OBJECT) ? this.records.instance(root.id())
					: null;
			long name = (thread != null) ? HeapThread.nameId(thread, this.records) : 0;
			long value = (name != 0) ? this.records.stringValue(name) : 0;
			if (value != 0) {
				names.put(value, -1L);
			}
		}
		LongMap<Long> arrays = (names.size() > 0) ? this.scan.primitiveArrays(names) : names;
		List<HeapThread> threads = new ArrayList<>();
		for (HeapRoot root : roots()) {
			HeapThread thread = (root.kind() == HeapRoot.THREAD_OBJECT) ? HeapThread.read(root, this.records, arrays)
					: null;
			if (thread != null) {
				threads.add(thread);
			}
		}
		return List.copyOf(threads);
	}

	@Override
	public void close() throws IOException {
		try {
			this.sequential.close();
		}
		finally {
			this.random.close();
		}
	}

}
