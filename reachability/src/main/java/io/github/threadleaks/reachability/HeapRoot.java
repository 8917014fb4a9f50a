package io.github.threadleaks.reachability;

/**
 * A GC root of a heap dump.
 *
 * @param kind the HPROF sub-record tag: {@link #JNI_GLOBAL}, {@link #JNI_LOCAL},
 * {@link #JAVA_FRAME}, {@link #NATIVE_STACK}, {@link #STICKY_CLASS},
 * {@link #THREAD_BLOCK}, {@link #MONITOR_USED}, {@link #THREAD_OBJECT} or
 * {@link #UNKNOWN}
 * @param id the object it holds
 * @param threadSerial the serial number of the thread whose stack or object it is, 0 for
 * none
 * @param frame the stack frame's number for a Java frame or JNI local, else -1
 */
record HeapRoot(int kind, long id, int threadSerial, int frame) {

	static final int UNKNOWN = 0xFF;

	static final int JNI_GLOBAL = 0x01;

	static final int JNI_LOCAL = 0x02;

	static final int JAVA_FRAME = 0x03;

	static final int NATIVE_STACK = 0x04;

	static final int STICKY_CLASS = 0x05;

	static final int THREAD_BLOCK = 0x06;

	static final int MONITOR_USED = 0x07;

	static final int THREAD_OBJECT = 0x08;

	/** The serial of the thread whose stack holds this root, 0 for none. */
	int stackSerial() {
		return (this.kind == THREAD_OBJECT) ? 0 : this.threadSerial;
	}

}
