package io.github.threadleaks.sample.leaks;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A pattern whose requests each make a client that starts threads of its own and is never
 * closed: the clients are kept, so that a release can close them, and their threads
 * recorded, so that they can be counted and awaited.
 *
 * @param <C> the type of client
 */
abstract class ClientPerRequest<C> implements LeakPattern {

	private final List<C> clients = new CopyOnWriteArrayList<>();

	private final RecordedThreads threads = new RecordedThreads();

	/** The threads the clients started. */
	final RecordedThreads threads() {
		return this.threads;
	}

	/** Keeps a client a request made, as the bug does. */
	final C keep(C client) {
		this.clients.add(client);
		return client;
	}

	@Override
	public final int leaked() {
		return this.threads.alive();
	}

	@Override
	public final int release() {
		return this.threads.release(() -> {
			closeAll();
			afterClosing();
		});
	}

	// A method of its own: its ended frame no longer holds the clients, which a JDK 17
	// client needs to be collected.
	private void closeAll() {
		for (C client : this.clients) {
			close(client);
		}
		this.clients.clear();
	}

	/** Closes one client, ending its threads. */
	abstract void close(C client);

	/** Waits for what closing the clients set off; nothing by default. */
	void afterClosing() {
	}

	/**
	 * The live threads whose names match: a library's threads, found by the names it
	 * gives them.
	 */
	static Set<Thread> liveThreads(Predicate<String> name) {
		Set<Thread> threads = new HashSet<>();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (name.test(thread.getName())) {
				threads.add(thread);
			}
		}
		return threads;
	}

}
