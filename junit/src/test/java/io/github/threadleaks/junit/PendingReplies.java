package io.github.threadleaks.junit;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The classic reachable leak: replies awaited through futures kept in a static map that
 * nobody completes.
 */
final class PendingReplies {

	static final Map<Integer, CompletableFuture<String>> REPLIES = new ConcurrentHashMap<>();

	private PendingReplies() {
	}

	/**
	 * Parks the calling thread on a future registered under {@code key}, until it is
	 * completed or interrupted.
	 */
	static void await(int key) {
		CompletableFuture<String> reply = new CompletableFuture<>();
		REPLIES.put(key, reply);
		awaitQuietly(reply);
	}

	/**
	 * Parks the calling thread on a future nobody else holds: it lives only in this
	 * frame.
	 */
	static void awaitOrphan() {
		awaitQuietly(new CompletableFuture<>());
	}

	private static void awaitQuietly(CompletableFuture<String> reply) {
		try {
			reply.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Completes and forgets every pending reply. */
	static void clear() {
		REPLIES.values().forEach((reply) -> reply.complete("released"));
		REPLIES.clear();
	}

}
