package io.github.threadleaks.sample.leaks;

import java.util.concurrent.TimeUnit;

import io.netty.util.HashedWheelTimer;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * A client's timer made per request and never stopped, the Netty way: each request
 * creates a {@code HashedWheelTimer} for its timeouts and never calls {@code stop()}. Its
 * worker ({@code hashedWheelTimer-N-1}) ticks 10 times a second, sleeping between ticks,
 * forever. Netty's documentation says to share one timer per application.
 */
final class WheelTimerPerRequest extends ClientPerRequest<HashedWheelTimer> {

	@Override
	public String id() {
		return "wheel-timer-per-request";
	}

	@Override
	public String description() {
		return "each request creates a Netty HashedWheelTimer (10 ticks a second) for its timeouts and never "
				+ "stops it";
	}

	@Override
	public int threadsPerRequest() {
		return 1;
	}

	/**
	 * The timer starts its worker on its first timeout: this method is where threadleaks
	 * says it was created.
	 */
	@Override
	public void leakOnce() throws InterruptedException {
		int before = threads().recorded();
		// Netty's own factory and names; a daemon thread, so that a forgotten timer never
		// holds the JVM open.
		HashedWheelTimer timer = keep(
				new HashedWheelTimer(threads().recording(new DefaultThreadFactory(HashedWheelTimer.class, true))));
		timer.newTimeout((timeout) -> {
		}, 30, TimeUnit.SECONDS);
		for (Thread thread : threads().since(before)) {
			Await.state(thread, Thread.State.TIMED_WAITING);
		}
		// The bug: no timer.stop(). Its worker ticks for as long as the JVM lives.
	}

	@Override
	void close(HashedWheelTimer timer) {
		timer.stop();
	}

}
