package io.github.threadleaks.reachability;

import org.jspecify.annotations.Nullable;

/**
 * A thread as a heap dump holds it: its serial number in the dump, its {@code Thread}
 * object, id, name, park blocker and status.
 *
 * @param serial the thread's serial number in the dump, which its stack roots carry
 * @param objectId the id of its {@code java.lang.Thread} object
 * @param id the thread id ({@code Thread.tid})
 * @param name the thread's name
 * @param parkBlocker the id of the object it parked on ({@code Thread.parkBlocker}), 0 if
 * none
 * @param status its {@code threadStatus} (JVMTI thread state bits), -1 if the dump has
 * none
 */
record HeapThread(int serial, long objectId, long id, String name, long parkBlocker, long status) {

	private static final String THREAD = "java.lang.Thread";

	/** The {@code String} holding the thread's name, 0 for none. */
	static long nameId(HeapRecords.Instance thread, HeapRecords records) {
		Long name = records.field(thread, THREAD, "name");
		return (name != null) ? name : 0;
	}

	/**
	 * Reads a thread from its {@code Thread} object, or {@code null} where the object is
	 * not one.
	 * @param arrays the offsets of the thread names' byte arrays, by id
	 */
	static @Nullable HeapThread read(HeapRoot root, HeapRecords records, LongMap<Long> arrays) {
		HeapRecords.Instance thread = records.instance(root.id());
		Long tid = (thread != null) ? records.field(thread, THREAD, "tid") : null;
		if (thread == null || tid == null) {
			return null;
		}
		long nameId = nameId(thread, records);
		String name = (nameId != 0) ? records.string(nameId, arrays) : null;
		Long blocker = records.field(thread, THREAD, "parkBlocker");
		Long status = records.field(thread, THREAD, "threadStatus");
		if (status == null) {
			// JDK 19+: the status moved to the thread's FieldHolder.
			Long holderId = records.field(thread, THREAD, "holder");
			HeapRecords.Instance holder = (holderId != null && holderId != 0) ? records.instance(holderId) : null;
			status = (holder != null) ? records.field(holder, null, "threadStatus") : null;
		}
		return new HeapThread(root.threadSerial(), root.id(), tid, (name != null) ? name : "",
				(blocker != null) ? blocker : 0, (status != null) ? status : -1);
	}

}
