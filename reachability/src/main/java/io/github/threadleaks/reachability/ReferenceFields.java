package io.github.threadleaks.reachability;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import shark.HeapGraph;
import shark.HeapObject.HeapClass;
import shark.HeapObject.HeapInstance;
import shark.HprofRecord.HeapDumpRecord.ObjectRecord.ClassDumpRecord.FieldRecord;
import shark.PrimitiveType;

/**
 * Reads the strong references an instance holds straight from its record's bytes, at
 * offsets worked out once per class: naming every field of every object, as Shark's
 * {@code readFields()} does, costs several times more on a large heap. The referent of a
 * weak, soft or phantom reference is left out, as the collector leaves it out (and the
 * reference's {@code discovered} link, the collector's own list): an object held only
 * that way does not keep a blocker alive. A finalizer's referent stays in, since its
 * {@code finalize()} can still run code.
 */
final class ReferenceFields {

	private static final String REFERENCE = "java.lang.ref.Reference";

	private static final String FINAL_REFERENCE = "java.lang.ref.FinalReference";

	private final int idSize;

	private final Map<Long, int[]> offsetsByClass = new HashMap<>();

	ReferenceFields(HeapGraph graph) {
		this.idSize = graph.getIdentifierByteSize();
	}

	/** The ids of the non-null objects the instance's fields refer to, in field order. */
	long[] of(HeapInstance instance) {
		int[] offsets = this.offsetsByClass.computeIfAbsent(instance.getInstanceClassId(),
				(id) -> offsets(instance.getInstanceClass()));
		if (offsets.length == 0) {
			return new long[0];
		}
		byte[] values = instance.readRecord().getFieldValues();
		long[] ids = new long[offsets.length];
		int count = 0;
		for (int offset : offsets) {
			long id = read(values, offset);
			if (id != 0) {
				ids[count++] = id;
			}
		}
		return (count == ids.length) ? ids : Arrays.copyOf(ids, count);
	}

	/**
	 * Where the reference fields sit in an instance record: the class's own fields first,
	 * then its superclass's.
	 */
	private int[] offsets(HeapClass type) {
		int[] offsets = new int[8];
		int count = 0;
		int offset = 0;
		boolean weak = isWeak(type);
		for (Iterator<HeapClass> hierarchy = type.getClassHierarchy().iterator(); hierarchy.hasNext();) {
			HeapClass declaring = hierarchy.next();
			boolean reference = weak && REFERENCE.equals(declaring.getName());
			for (FieldRecord field : declaring.readRecordFields()) {
				if (reference && isCollectorsOwn(declaring.instanceFieldName(field))) {
					offset += this.idSize;
				}
				else if (field.getType() == PrimitiveType.REFERENCE_HPROF_TYPE) {
					if (count == offsets.length) {
						offsets = Arrays.copyOf(offsets, count * 2);
					}
					offsets[count++] = offset;
					offset += this.idSize;
				}
				else {
					offset += primitiveSize(field.getType());
				}
			}
		}
		return Arrays.copyOf(offsets, count);
	}

	/**
	 * Whether the class is a weak, soft or phantom reference: a reference but not a
	 * finalizer's.
	 */
	private static boolean isWeak(HeapClass type) {
		boolean reference = false;
		for (Iterator<HeapClass> hierarchy = type.getClassHierarchy().iterator(); hierarchy.hasNext();) {
			String name = hierarchy.next().getName();
			if (FINAL_REFERENCE.equals(name)) {
				return false;
			}
			reference |= REFERENCE.equals(name);
		}
		return reference;
	}

	private static boolean isCollectorsOwn(String field) {
		return "referent".equals(field) || "discovered".equals(field);
	}

	private long read(byte[] values, int offset) {
		long id = 0;
		for (int i = 0; i < this.idSize; i++) {
			id = (id << 8) | (values[offset + i] & 0xFF);
		}
		return id;
	}

	/**
	 * The HPROF basic types' sizes: boolean 4, char 5, float 6, double 7, byte 8, short
	 * 9, int 10, long 11.
	 */
	static int primitiveSize(int hprofType) {
		return switch (hprofType) {
			case 4, 8 -> 1;
			case 5, 9 -> 2;
			case 6, 10 -> 4;
			case 7, 11 -> 8;
			default -> throw new IllegalArgumentException("Unknown HPROF basic type " + hprofType);
		};
	}

}
