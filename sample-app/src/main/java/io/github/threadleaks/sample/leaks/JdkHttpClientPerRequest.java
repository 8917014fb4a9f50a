package io.github.threadleaks.sample.leaks;

import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A client made per request and kept, the JDK way: each request builds a {@code java.net.http.HttpClient} and
 * keeps it (in a cache nobody evicts). Each client's selector thread ({@code HttpClient-N-SelectorManager}) waits
 * in its selector for as long as the client is reachable, RUNNABLE in {@code EPoll.wait}, waking every few seconds.
 */
final class JdkHttpClientPerRequest implements LeakPattern {

	private static final String SELECTOR_SUFFIX = "-SelectorManager";

	private final List<HttpClient> clients = new CopyOnWriteArrayList<>();

	private final RecordedThreads threads = new RecordedThreads();

	@Override
	public String id() {
		return "jdk-http-client-per-request";
	}

	@Override
	public String description() {
		return "each request builds a JDK HttpClient and keeps it in a cache nobody evicts";
	}

	@Override
	public int threadsPerRequest() {
		return 1;
	}

	/** The client starts its selector thread as it is built: this method is where it was created. */
	@Override
	public void leakOnce() throws InterruptedException {
		Set<Thread> before = selectorThreads();
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		this.clients.add(client);
		Set<Thread> started = selectorThreads();
		started.removeAll(before);
		for (Thread thread : started) {
			this.threads.add(thread);
			Await.inSelector(thread);
		}
	}

	private static Set<Thread> selectorThreads() {
		Set<Thread> selectors = new HashSet<>();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.getName().startsWith("HttpClient-") && thread.getName().endsWith(SELECTOR_SUFFIX)) {
				selectors.add(thread);
			}
		}
		return selectors;
	}

	@Override
	public int leaked() {
		return this.threads.alive();
	}

	/**
	 * Shuts the clients down where the JDK can ({@code shutdownNow()}, JDK 21+); before, a client's selector
	 * thread ends once the client is unreachable and collected, which the release then waits for.
	 */
	@Override
	public int release() {
		return this.threads.release(() -> {
			for (HttpClient client : this.clients) {
				shutdownNow(client);
			}
			this.clients.clear();
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (this.threads.alive() > 0 && System.nanoTime() - deadline < 0) {
				System.gc();
				this.threads.awaitEndedWithin(Duration.ofMillis(200));
			}
		});
	}

	private static void shutdownNow(HttpClient client) {
		try {
			Method shutdownNow = HttpClient.class.getMethod("shutdownNow");
			shutdownNow.invoke(client);
		}
		catch (NoSuchMethodException ex) {
			// JDK 17: no shutdown; the client's thread ends once the client is collected.
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("HttpClient.shutdownNow() failed", ex);
		}
	}

}
