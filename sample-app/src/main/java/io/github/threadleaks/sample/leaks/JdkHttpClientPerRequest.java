package io.github.threadleaks.sample.leaks;

import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Set;

/**
 * A client made per request and kept, the JDK way: each request builds a
 * {@code java.net.http.HttpClient} and keeps it (in a cache nobody evicts). Each client's
 * selector thread ({@code HttpClient-N-SelectorManager}) waits in its selector for as
 * long as the client is reachable, RUNNABLE in {@code EPoll.wait}, waking every few
 * seconds.
 */
final class JdkHttpClientPerRequest extends ClientPerRequest<HttpClient> {

	private static final String SELECTOR_SUFFIX = "-SelectorManager";

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

	/**
	 * The client starts its selector thread as it is built: this method is where it was
	 * created.
	 */
	@Override
	public void leakOnce() throws InterruptedException {
		Set<Thread> before = selectorThreads();
		keep(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
		Set<Thread> started = selectorThreads();
		started.removeAll(before);
		for (Thread thread : started) {
			threads().add(thread);
			Await.inSelector(thread);
		}
	}

	private static Set<Thread> selectorThreads() {
		return liveThreads((name) -> name.startsWith("HttpClient-") && name.endsWith(SELECTOR_SUFFIX));
	}

	/** Shuts a client down where the JDK can ({@code shutdownNow()}, JDK 21+). */
	@Override
	void close(HttpClient client) {
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

	/**
	 * Before JDK 21, a client's selector thread ends once the client is unreachable and
	 * collected.
	 */
	@Override
	void afterClosing() {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (threads().alive() > 0 && System.nanoTime() - deadline < 0) {
			System.gc();
			threads().awaitEndedWithin(Duration.ofMillis(200));
		}
	}

}
