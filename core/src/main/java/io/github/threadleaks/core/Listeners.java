package io.github.threadleaks.core;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The monitor's listeners, told one at a time: a listener that throws is counted, logged
 * at its first failure and never keeps the others from hearing, nor stops sampling.
 */
final class Listeners {

	private static final System.Logger logger = System.getLogger(ThreadLeakMonitor.class.getName());

	private final List<ThreadLeakListener> listeners = new CopyOnWriteArrayList<>();

	/** The listeners that have failed, so that each is logged once. */
	private final Map<ThreadLeakListener, Boolean> failed = new ConcurrentHashMap<>();

	private final AtomicLong failures = new AtomicLong();

	void add(ThreadLeakListener listener) {
		this.listeners.add(listener);
	}

	/** Tells every listener, in the order they were added. */
	void tell(Consumer<ThreadLeakListener> call) {
		for (ThreadLeakListener listener : this.listeners) {
			tell(listener, call);
		}
	}

	/** The listeners, in the order they were added. */
	List<ThreadLeakListener> all() {
		return this.listeners;
	}

	/**
	 * Tells one listener; a failure is counted, and logged if it is this listener's
	 * first.
	 */
	void tell(ThreadLeakListener listener, Consumer<ThreadLeakListener> call) {
		try {
			call.accept(listener);
		}
		catch (RuntimeException ex) {
			this.failures.incrementAndGet();
			if (this.failed.putIfAbsent(listener, Boolean.TRUE) == null) {
				logger.log(Level.WARNING,
						"Thread leak listener " + listener + " failed; its later failures are counted, not logged", ex);
			}
		}
	}

	long failures() {
		return this.failures.get();
	}

}
