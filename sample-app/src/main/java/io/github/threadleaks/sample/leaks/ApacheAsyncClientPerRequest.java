package io.github.threadleaks.sample.leaks;

import java.util.Set;

import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;

/**
 * A client made per request and never closed, the Apache HttpClient 5 way: each request
 * builds and starts an async client and never closes it. It leaves two threads: its I/O
 * reactor's dispatch thread ({@code httpclient-dispatch-N}), RUNNABLE in its selector's
 * {@code EPoll.wait} and waking every second to check its timeouts, and the client's main
 * thread ({@code httpclient-main-N}), WAITING for the reactor to end.
 */
final class ApacheAsyncClientPerRequest extends ClientPerRequest<CloseableHttpAsyncClient> {

	@Override
	public String id() {
		return "apache-async-client-per-request";
	}

	@Override
	public String description() {
		return "each request builds and starts an Apache HttpClient 5 async client and never closes it";
	}

	@Override
	public int threadsPerRequest() {
		return 2;
	}

	/**
	 * The client starts its reactor's thread in {@code start()}: this method is where it
	 * was created.
	 */
	@Override
	public void leakOnce() throws InterruptedException {
		Set<Thread> before = clientThreads();
		// One I/O thread (the default is one per core); the library's own thread names.
		CloseableHttpAsyncClient client = keep(HttpAsyncClients.custom()
			.setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1).build())
			.build());
		client.start();
		Set<Thread> started = clientThreads();
		started.removeAll(before);
		for (Thread thread : started) {
			threads().add(thread);
			if (thread.getName().startsWith("httpclient-dispatch-")) {
				Await.inSelector(thread);
			}
			else {
				Await.state(thread, Thread.State.WAITING);
			}
		}
		// The bug: no client.close(). Its reactor waits for I/O that never comes.
	}

	private static Set<Thread> clientThreads() {
		return liveThreads((name) -> name.startsWith("httpclient-"));
	}

	@Override
	void close(CloseableHttpAsyncClient client) {
		client.close(CloseMode.GRACEFUL);
	}

}
