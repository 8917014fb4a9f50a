package io.github.threadleaks.sample.leaks;

import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;

/**
 * A client made per request and never closed, the Netty way: each request creates an
 * event loop group of two loops, uses it and never calls {@code shutdownGracefully()}.
 * Its threads ({@code multiThreadIoEventLoopGroup-N-M}) wait in their selector forever,
 * RUNNABLE in {@code EPoll.wait}.
 */
final class NettyEventLoopPerRequest extends ClientPerRequest<EventLoopGroup> {

	@Override
	public String id() {
		return "netty-event-loop-per-request";
	}

	@Override
	public String description() {
		return "each request creates a Netty event loop group of two loops, uses it and never shuts it down";
	}

	@Override
	public int threadsPerRequest() {
		return 2;
	}

	/**
	 * Netty starts a loop's thread on its first task: this method is where threadleaks
	 * says they were created.
	 */
	@Override
	public void leakOnce() throws InterruptedException {
		int before = threads().recorded();
		// Netty's own factory and names; daemon threads, so that a forgotten group never
		// holds the JVM open.
		EventLoopGroup group = new MultiThreadIoEventLoopGroup(2,
				threads().recording(new DefaultThreadFactory(MultiThreadIoEventLoopGroup.class, true)),
				NioIoHandler.newFactory());
		keep(group);
		for (EventExecutor loop : group) {
			loop.submit(() -> {
			}).sync();
		}
		for (Thread thread : threads().since(before)) {
			Await.inSelector(thread);
		}
		// The bug: no group.shutdownGracefully(). Both loops wait for I/O that never
		// comes.
	}

	@Override
	void close(EventLoopGroup group) {
		group.shutdownGracefully(0, 5, TimeUnit.SECONDS);
	}

}
