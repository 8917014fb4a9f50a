package io.github.threadleaks.reachability;

import org.jspecify.annotations.Nullable;
import shark.HeapField;
import shark.HeapObject;
import shark.HeapObject.HeapInstance;

/**
 * A thread as a heap dump holds it: its serial number in the dump, its {@code Thread}
 * object, id and name.
 *
 * @param serial the thread's serial number in the dump, which its stack roots carry
 * @param objectId the id of its {@code java.lang.Thread} object
 * @param id the thread id ({@code Thread.tid})
 * @param name the thread's name
 * @param parkBlocker the id of the object it parked on ({@code Thread.parkBlocker}), 0 if
 * none
 */
record HeapThread(int serial, long objectId, long id, String name, long parkBlocker) {

	/**
	 * Reads a thread from its {@code Thread} object, or {@code null} where the object is
	 * not one.
	 */
	static @Nullable HeapThread read(int serial, HeapObject object) {
		HeapInstance thread = object.getAsInstance();
		if (thread == null) {
			return null;
		}
		HeapField tid = thread.get("java.lang.Thread", "tid");
		if (tid == null || tid.getValue().getAsLong() == null) {
			return null;
		}
		HeapField name = thread.get("java.lang.Thread", "name");
		String text = (name != null) ? name.getValue().readAsJavaString() : null;
		HeapField blocker = thread.get("java.lang.Thread", "parkBlocker");
		Long blockerId = (blocker != null) ? blocker.getValue().getAsNonNullObjectId() : null;
		return new HeapThread(serial, thread.getObjectId(), tid.getValue().getAsLong(), (text != null) ? text : "",
				(blockerId != null) ? blockerId : 0);
	}

}
