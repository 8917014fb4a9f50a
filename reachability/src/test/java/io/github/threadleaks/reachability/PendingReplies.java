package io.github.threadleaks.reachability;

import java.lang.ref.Reference;
import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

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

	/** Futures held only through weak and soft references: a cache that forgets them. */
	static final List<Reference<CompletableFuture<String>>> FORGETFUL = new CopyOnWriteArrayList<>();

	/** Futures held strongly as the values of a weak-keyed map whose keys stay alive. */
	static final Map<Object, CompletableFuture<String>> BY_LIVE_KEY = new WeakHashMap<>();

	static final List<Object> LIVE_KEYS = new CopyOnWriteArrayList<>();

	private PendingReplies() {
	}

	/** Parks the calling thread on a future held elsewhere only weakly or softly. */
	static String awaitForgotten(boolean soft) throws Exception {
		CompletableFuture<String> reply = new CompletableFuture<>();
		FORGETFUL.add(soft ? new SoftReference<>(reply) : new WeakReference<>(reply));
		return reply.get();
	}

	/**
	 * Parks the calling thread on a future a weak-keyed map holds strongly as a value.
	 */
	static String awaitByLiveKey() throws Exception {
		CompletableFuture<String> reply = new CompletableFuture<>();
		Object key = new Object();
		LIVE_KEYS.add(key);
		synchronized (BY_LIVE_KEY) {
			BY_LIVE_KEY.put(key, reply);
		}
		return reply.get();
	}

	/** Parks the calling thread on a future registered under {@code key}. */
	static String await(int key) throws Exception {
		CompletableFuture<String> reply = new CompletableFuture<>();
		REPLIES.put(key, reply);
		return reply.get();
	}

}
