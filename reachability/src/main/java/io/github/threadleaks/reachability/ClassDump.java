package io.github.threadleaks.reachability;

import org.jspecify.annotations.Nullable;

/**
 * A class as its HPROF {@code CLASS DUMP} record describes it: its superclass, loader,
 * the instance fields its own instances' records hold (in record order, without the
 * superclass's), and the values of its static reference fields.
 *
 * @param id the class object's id
 * @param superId the superclass's id, 0 for none
 * @param loaderId the class loader's id, 0 for the boot loader
 * @param fieldNames the string ids of the instance fields' names
 * @param fieldTypes the HPROF types of the instance fields (2 for a reference)
 * @param staticNames the string ids of the static reference fields' names
 * @param staticValues the ids the static reference fields hold, 0 for null
 */
record ClassDump(long id, long superId, long loaderId, long[] fieldNames, byte[] fieldTypes, long[] staticNames,
		long[] staticValues) {

	/** The HPROF type of a reference. */
	static final int REFERENCE = 2;

	/**
	 * The HPROF basic types' sizes: object 2 (the id size), boolean 4, char 5, float 6,
	 * double 7, byte 8, short 9, int 10, long 11.
	 */
	static int size(int type, int idSize) {
		return switch (type) {
			case REFERENCE -> idSize;
			case 4, 8 -> 1;
			case 5, 9 -> 2;
			case 6, 10 -> 4;
			case 7, 11 -> 8;
			default -> -1;
		};
	}

	/** The superclass, or {@code null} for {@code java.lang.Object}. */
	@Nullable ClassDump superclass(LongMap<ClassDump> classes) {
		return (this.superId != 0) ? classes.get(this.superId) : null;
	}

}
