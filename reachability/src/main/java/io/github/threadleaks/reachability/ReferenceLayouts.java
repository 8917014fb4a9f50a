package io.github.threadleaks.reachability;

import java.io.IOException;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Where the strong references sit in an instance record of each class, worked out once
 * per class: the class's own fields first, then its superclass's. The referent of a weak,
 * soft or phantom reference is left out, as the collector leaves it out (and the
 * reference's {@code discovered} link, the collector's own list): an object held only
 * that way does not keep a blocker alive. A finalizer's referent stays in, since its
 * {@code finalize()} can still run code.
 */
final class ReferenceLayouts {

	private static final String REFERENCE = "java.lang.ref.Reference";

	private static final String FINAL_REFERENCE = "java.lang.ref.FinalReference";

	private final LongMap<ClassDump> classes;

	private final LongMap<Long> classNames;

	private final LongMap<String> strings;

	private final int idSize;

	private final LongMap<Layout> layouts = new LongMap<>();

	ReferenceLayouts(LongMap<ClassDump> classes, LongMap<Long> classNames, LongMap<String> strings, int idSize) {
		this.classes = classes;
		this.classNames = classNames;
		this.strings = strings;
		this.idSize = idSize;
	}

	/**
	 * The offsets of the strong references in a record of {@code length} field bytes of
	 * this class.
	 */
	int[] of(long classId, int length, HprofInput input, long offset) throws IOException {
		Layout layout = this.layouts.get(classId);
		if (layout == null) {
			if (this.classes.get(classId) == null) {
				throw input.error("an instance of class 0x" + Long.toHexString(classId)
						+ " that no class dump before it describes", offset);
			}
			layout = layout(classId);
			this.layouts.put(classId, layout);
		}
		if (layout.bytes() != length) {
			throw input.error("an instance of " + name(classId) + " with " + length + " bytes of fields where its"
					+ " class has " + layout.bytes(), offset);
		}
		return layout.references();
	}

	private Layout layout(long classId) {
		int[] offsets = new int[8];
		int count = 0;
		int offset = 0;
		boolean weak = isWeak(classId);
		for (ClassDump type = this.classes.get(classId); type != null; type = type.superclass(this.classes)) {
			boolean reference = weak && REFERENCE.equals(name(type.id()));
			for (int i = 0; i < type.fieldTypes().length; i++) {
				int size = ClassDump.size(type.fieldTypes()[i], this.idSize);
				if (type.fieldTypes()[i] == ClassDump.REFERENCE
						&& !(reference && isCollectorsOwn(this.strings.get(type.fieldNames()[i])))) {
					if (count == offsets.length) {
						offsets = Arrays.copyOf(offsets, count * 2);
					}
					offsets[count++] = offset;
				}
				offset += size;
			}
		}
		return new Layout(Arrays.copyOf(offsets, count), offset);
	}

	/**
	 * Whether the class is a weak, soft or phantom reference: a reference but not a
	 * finalizer's.
	 */
	private boolean isWeak(long classId) {
		boolean reference = false;
		for (ClassDump type = this.classes.get(classId); type != null; type = type.superclass(this.classes)) {
			String name = name(type.id());
			if (FINAL_REFERENCE.equals(name)) {
				return false;
			}
			reference |= REFERENCE.equals(name);
		}
		return reference;
	}

	private String name(long classId) {
		Long nameId = this.classNames.get(classId);
		String name = (nameId != null) ? this.strings.get(nameId) : null;
		return (name != null) ? name.replace('/', '.') : "class 0x" + Long.toHexString(classId);
	}

	private static boolean isCollectorsOwn(@Nullable String field) {
		return "referent".equals(field) || "discovered".equals(field);
	}

	/** The reference offsets and the field bytes of an instance record. */
	private record Layout(int[] references, int bytes) {
	}

}
