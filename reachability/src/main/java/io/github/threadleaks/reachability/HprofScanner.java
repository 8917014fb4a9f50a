package io.github.threadleaks.reachability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a heap dump front to back once: the strings, class names and layouts, GC roots,
 * and for each class, instance and object array its id, file offset and the ids its
 * references hold ({@link ObjectTable}). Primitive arrays are passed over (only their
 * offsets are wanted, later, for a few thread names: {@link #primitiveArrays}).
 */
final class HprofScanner {

	private static final String HEADER = "JAVA PROFILE 1.0";

	private static final int STRING = 0x01;

	private static final int LOAD_CLASS = 0x02;

	private static final int HEAP_DUMP = 0x0C;

	private static final int HEAP_DUMP_SEGMENT = 0x1C;

	static final int CLASS_DUMP = 0x20;

	static final int INSTANCE_DUMP = 0x21;

	static final int OBJECT_ARRAY_DUMP = 0x22;

	static final int PRIMITIVE_ARRAY_DUMP = 0x23;

	private final HprofInput input;

	final LongMap<String> strings = new LongMap<>();

	/** Class name string ids by class id. */
	final LongMap<Long> classNames = new LongMap<>();

	final LongMap<ClassDump> classes = new LongMap<>();

	final List<HeapRoot> roots = new ArrayList<>();

	final ObjectTable objects = new ObjectTable();

	private final ReferenceLayouts layouts;

	/** With {@link #primitiveArrays}: the arrays to find, their offsets once found. */
	private LongMap<Long> wanted = new LongMap<>();

	private boolean indexing = true;

	private HprofScanner(HprofInput input) {
		this.input = input;
		this.layouts = new ReferenceLayouts(this.classes, this.classNames, this.strings, input.idSize());
	}

	/** Reads the whole dump. */
	static HprofScanner scan(HprofInput input) throws IOException {
		header(input);
		HprofScanner scanner = new HprofScanner(input);
		scanner.records();
		scanner.objects.finish();
		return scanner;
	}

	/** The offsets of these primitive arrays' records, by id: a second pass. */
	LongMap<Long> primitiveArrays(LongMap<Long> ids) throws IOException {
		this.indexing = false;
		this.wanted = ids;
		this.input.seek(0);
		header(this.input);
		records();
		return this.wanted;
	}

	private static void header(HprofInput input) throws IOException {
		byte[] start = input.bytes(HEADER.length());
		if (!HEADER.equals(new String(start, StandardCharsets.ISO_8859_1))) {
			throw input.error("no HPROF header (\"" + HEADER + ".x\")", 0);
		}
		while (input.u1() != 0) {
			// the version's last digits, then a zero byte
		}
		input.idSize(input.u4());
		input.u8();
	}

	private void records() throws IOException {
		while (!this.input.atEnd()) {
			long offset = this.input.position();
			int tag = this.input.u1();
			this.input.u4();
			long length = this.input.u4() & 0xFFFFFFFFL;
			long end = this.input.position() + length;
			if (end > this.input.size()) {
				throw this.input.truncated(this.input.position(), length);
			}
			if (this.indexing && tag == STRING) {
				long id = this.input.id();
				this.strings.put(id,
						new String(this.input.bytes((int) (length - this.input.idSize())), StandardCharsets.UTF_8));
			}
			else if (this.indexing && tag == LOAD_CLASS) {
				this.input.u4();
				long classId = this.input.id();
				this.input.u4();
				this.classNames.put(classId, this.input.id());
			}
			else if (tag == HEAP_DUMP || tag == HEAP_DUMP_SEGMENT) {
				heapDump(end);
			}
			this.input.seek(end);
		}
	}

	private void heapDump(long end) throws IOException {
		while (this.input.position() < end) {
			long offset = this.input.position();
			int tag = this.input.u1();
			switch (tag) {
				case HeapRoot.UNKNOWN, HeapRoot.STICKY_CLASS, HeapRoot.MONITOR_USED -> root(tag, 0, -1);
				case HeapRoot.JNI_GLOBAL -> {
					root(tag, 0, -1);
					this.input.id();
				}
				case HeapRoot.JNI_LOCAL, HeapRoot.JAVA_FRAME -> root(tag, 1, 1);
				case HeapRoot.NATIVE_STACK, HeapRoot.THREAD_BLOCK -> root(tag, 1, -1);
				case HeapRoot.THREAD_OBJECT -> {
					root(tag, 1, -1);
					this.input.u4();
				}
				case CLASS_DUMP -> classDump(offset);
				case INSTANCE_DUMP -> instance(offset);
				case OBJECT_ARRAY_DUMP -> objectArray(offset);
				case PRIMITIVE_ARRAY_DUMP -> primitiveArray(offset);
				default ->
					throw this.input.error("an unknown heap dump sub-record tag 0x" + Integer.toHexString(tag), offset);
			}
		}
		if (this.input.position() != end) {
			throw this.input.error("a heap dump sub-record running past its segment's end at " + end,
					this.input.position());
		}
	}

	private void root(int kind, int serials, int frame) throws IOException {
		long id = this.input.id();
		int serial = (serials > 0) ? this.input.u4() : 0;
		int number = (frame > 0) ? this.input.u4() : -1;
		if (this.indexing) {
			this.roots.add(new HeapRoot(kind, id, serial, number));
		}
	}

	private void classDump(long offset) throws IOException {
		int idSize = this.input.idSize();
		long id = this.input.id();
		this.input.u4();
		long superId = this.input.id();
		long loaderId = this.input.id();
		this.input.skip(4L * idSize + 4);
		for (int i = this.input.u2(); i > 0; i--) {
			this.input.u2();
			this.input.skip(valueSize(this.input.u1(), offset));
		}
		int statics = this.input.u2();
		long[] staticNames = new long[statics];
		long[] staticValues = new long[statics];
		int references = 0;
		for (int i = 0; i < statics; i++) {
			long name = this.input.id();
			int type = this.input.u1();
			if (type == ClassDump.REFERENCE) {
				staticNames[references] = name;
				staticValues[references++] = this.input.id();
			}
			else {
				this.input.skip(valueSize(type, offset));
			}
		}
		int fields = this.input.u2();
		long[] fieldNames = new long[fields];
		byte[] fieldTypes = new byte[fields];
		for (int i = 0; i < fields; i++) {
			fieldNames[i] = this.input.id();
			fieldTypes[i] = (byte) this.input.u1();
			valueSize(fieldTypes[i], offset);
		}
		if (!this.indexing) {
			return;
		}
		ClassDump type = new ClassDump(id, superId, loaderId, fieldNames, fieldTypes,
				Arrays.copyOf(staticNames, references), Arrays.copyOf(staticValues, references));
		this.classes.put(id, type);
		this.objects.add(id, offset, this.input);
		for (long value : type.staticValues()) {
			this.objects.addEdge(value);
		}
		this.objects.addEdge(loaderId);
	}

	private void instance(long offset) throws IOException {
		long id = this.input.id();
		this.input.u4();
		long classId = this.input.id();
		int length = this.input.u4();
		if (!this.indexing) {
			this.input.skip(length & 0xFFFFFFFFL);
			return;
		}
		int[] references = this.layouts.of(classId, length, this.input, offset);
		this.objects.add(id, offset, this.input);
		if (references.length > 0) {
			this.input.require(length);
			for (int reference : references) {
				this.objects.addEdge(this.input.idAt(reference));
			}
		}
		this.input.skip(length);
	}

	private void objectArray(long offset) throws IOException {
		long id = this.input.id();
		this.input.u4();
		int count = this.input.u4();
		this.input.id();
		if (count < 0) {
			throw this.input.error("an object array of " + (count & 0xFFFFFFFFL) + " elements", offset);
		}
		if (!this.indexing) {
			this.input.skip((long) count * this.input.idSize());
			return;
		}
		this.objects.add(id, offset, this.input);
		int chunk = (1 << 20) / this.input.idSize();
		for (int done = 0; done < count; done += chunk) {
			int elements = Math.min(chunk, count - done);
			this.input.require(elements * this.input.idSize());
			for (int i = 0; i < elements; i++) {
				this.objects.addEdge(this.input.idUnchecked());
			}
		}
	}

	private void primitiveArray(long offset) throws IOException {
		long id = this.input.id();
		this.input.u4();
		long count = this.input.u4() & 0xFFFFFFFFL;
		int type = this.input.u1();
		int size = ClassDump.size(type, this.input.idSize());
		if (size < 0 || type == ClassDump.REFERENCE) {
			throw this.input.error("a primitive array of unknown type " + type, offset);
		}
		if (!this.indexing && this.wanted.get(id) != null) {
			this.wanted.put(id, offset);
		}
		this.input.skip(count * size);
	}

	private int valueSize(int type, long offset) throws IOException {
		int size = ClassDump.size(type, this.input.idSize());
		if (size < 0) {
			throw this.input.error("an unknown field type " + type + " in the class dump", offset);
		}
		return size;
	}

}
