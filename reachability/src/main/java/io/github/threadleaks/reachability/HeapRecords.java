package io.github.threadleaks.reachability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Reads single records of an indexed heap dump back from the file, at the offsets the
 * scan found: a thread's fields, an object's class, which field or element of one object
 * holds another. For the few objects a verdict names, not for marking.
 */
final class HeapRecords {

	private static final int LATIN1 = 0;

	private final HprofInput input;

	private final HprofScanner scan;

	HeapRecords(HprofInput input, HprofScanner scan) {
		this.input = input;
		this.scan = scan;
	}

	/** The instance with this id, null if the id is not an instance in the dump. */
	@Nullable Instance instance(long id) {
		if (!seek(id, HprofScanner.INSTANCE_DUMP)) {
			return null;
		}
		try {
			this.input.id();
			this.input.u4();
			long classId = this.input.id();
			return new Instance(classId, this.input.bytes(this.input.u4()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The value of an instance's field, declared by the named class or (for {@code null})
	 * by any: an id for a reference, the number for a primitive; null if it has none.
	 */
	@Nullable Long field(Instance instance, @Nullable String declaring, String name) {
		int offset = 0;
		int idSize = this.input.idSize();
		for (ClassDump type = this.scan.classes.get(instance.classId()); type != null; type = type
			.superclass(this.scan.classes)) {
			boolean inClass = declaring == null || declaring.equals(className(type.id()));
			for (int i = 0; i < type.fieldTypes().length; i++) {
				int size = ClassDump.size(type.fieldTypes()[i], idSize);
				if (inClass && name.equals(this.scan.strings.get(type.fieldNames()[i]))) {
					return number(instance.values(), offset, size);
				}
				offset += size;
			}
		}
		return null;
	}

	/**
	 * The class of the object, {@code java.lang.Class} for a class, null for an id the
	 * dump does not index.
	 */
	@Nullable String classOf(long id) {
		long offset = offset(id);
		if (offset < 0) {
			return null;
		}
		try {
			this.input.seek(offset);
			int tag = this.input.u1();
			this.input.id();
			this.input.u4();
			if (tag == HprofScanner.CLASS_DUMP) {
				return "java.lang.Class";
			}
			if (tag == HprofScanner.INSTANCE_DUMP) {
				return className(this.input.id());
			}
			this.input.u4();
			return className(this.input.id());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** What the object is, for a path: {@code class Name} for a class, else its class. */
	String describe(long id) {
		String type = classOf(id);
		if ("java.lang.Class".equals(type) && this.scan.classes.get(id) != null) {
			return "class " + className(id);
		}
		return (type != null) ? type : "object";
	}

	/** How {@code parent} holds {@code child}: the field, element or static field. */
	String reference(long parent, long child) {
		ClassDump type = this.scan.classes.get(parent);
		if (type != null) {
			for (int i = 0; i < type.staticValues().length; i++) {
				if (type.staticValues()[i] == child) {
					return "static field " + className(parent) + "." + this.scan.strings.get(type.staticNames()[i]);
				}
			}
			return "class loader";
		}
		Instance instance = instance(parent);
		if (instance != null) {
			return field(instance, child);
		}
		if (seek(parent, HprofScanner.OBJECT_ARRAY_DUMP)) {
			try {
				this.input.id();
				this.input.u4();
				int count = this.input.u4();
				this.input.id();
				for (int i = 0; i < count; i++) {
					if (this.input.id() == child) {
						return "array element [" + i + "]";
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return "reference";
	}

	private String field(Instance instance, long child) {
		int offset = 0;
		int idSize = this.input.idSize();
		for (ClassDump type = this.scan.classes.get(instance.classId()); type != null; type = type
			.superclass(this.scan.classes)) {
			for (int i = 0; i < type.fieldTypes().length; i++) {
				int size = ClassDump.size(type.fieldTypes()[i], idSize);
				if (type.fieldTypes()[i] == ClassDump.REFERENCE && number(instance.values(), offset, size) == child) {
					String declaring = className(type.id());
					return "field " + declaring.substring(declaring.lastIndexOf('.') + 1) + "."
							+ this.scan.strings.get(type.fieldNames()[i]);
				}
				offset += size;
			}
		}
		return "reference";
	}

	/**
	 * A {@code String}'s text, given the offsets of primitive arrays found by a second
	 * pass; null if it cannot be read.
	 */
	@Nullable String string(long id, LongMap<Long> arrays) {
		Instance string = instance(id);
		Long value = (string != null) ? field(string, "java.lang.String", "value") : null;
		Long offset = (value != null) ? arrays.get(value) : null;
		if (string == null || offset == null || offset < 0) {
			return null;
		}
		try {
			this.input.seek(offset);
			this.input.u1();
			this.input.id();
			this.input.u4();
			int count = this.input.u4();
			int type = this.input.u1();
			byte[] bytes = this.input.bytes(count * ClassDump.size(type, this.input.idSize()));
			if (type == 5) {
				// char[] (JDK 8), written big-endian
				return new String(bytes, StandardCharsets.UTF_16BE);
			}
			Long coder = field(string, "java.lang.String", "coder");
			return new String(bytes,
					(coder == null || coder == LATIN1) ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_16LE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The value array of a {@code String}, 0 if none. */
	long stringValue(long id) {
		Instance string = instance(id);
		Long value = (string != null) ? field(string, "java.lang.String", "value") : null;
		return (value != null) ? value : 0;
	}

	/** A class's name as Java writes it: {@code java.util.Map$Entry}, {@code int[]}. */
	String className(long classId) {
		Long nameId = this.scan.classNames.get(classId);
		String name = (nameId != null) ? this.scan.strings.get(nameId) : null;
		return (name != null) ? javaName(name) : "class 0x" + Long.toHexString(classId);
	}

	static String javaName(String hprofName) {
		int dimensions = 0;
		while (dimensions < hprofName.length() && hprofName.charAt(dimensions) == '[') {
			dimensions++;
		}
		String element = hprofName.substring(dimensions);
		if (dimensions > 0) {
			element = switch (element) {
				case "Z" -> "boolean";
				case "C" -> "char";
				case "F" -> "float";
				case "D" -> "double";
				case "B" -> "byte";
				case "S" -> "short";
				case "I" -> "int";
				case "J" -> "long";
				default -> (element.startsWith("L") && element.endsWith(";"))
						? element.substring(1, element.length() - 1) : element;
			};
		}
		return element.replace('/', '.') + "[]".repeat(dimensions);
	}

	private boolean seek(long id, int tag) {
		long offset = offset(id);
		if (offset < 0) {
			return false;
		}
		try {
			this.input.seek(offset);
			return this.input.u1() == tag;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private long offset(long id) {
		int index = this.scan.objects.indexOf(id);
		return (index >= 0) ? this.scan.objects.offsetOf(index) : -1;
	}

	private static long number(byte[] values, int offset, int size) {
		long value = 0;
		for (int i = 0; i < size; i++) {
			value = (value << 8) | (values[offset + i] & 0xFF);
		}
		return value;
	}

	/** An instance's class and field bytes. */
	record Instance(long classId, byte[] values) {
	}

}
