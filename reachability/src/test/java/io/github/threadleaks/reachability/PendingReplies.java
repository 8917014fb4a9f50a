package io.github.threadleaks.reachability;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The classic reachable leak: replies awaited through futures kept in a static map that
 * nobody completes.
 */
final class PendingReplies {

	static final Map<Integer, CompletableFuture<String>> REPLIES = new ConcurrentHashMap<>();

	/**
	 * A monitor threads wait on with {@code Object.wait()}, kept where anyone could
	 * notify it.
	 */
	static final Object MONITOR = new Object();

	private PendingReplies() {
	}

	/** Parks the calling thread on a future registered under {@code key}. */
	static String await(int key) throws Exception {
		CompletableFuture<String> reply = new CompletableFuture<>();
		REPLIES.put(key, reply);
		return reply.get();
	}

}
