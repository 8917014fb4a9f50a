package io.github.threadleaks.sample.workloads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * The wheel-timer-per-request leak used the right way: one Netty {@code HashedWheelTimer}
 * for the application, as Netty's documentation says, on which each call sets its
 * timeouts and cancels the previous call's. It ticks 10 times a second, one thread
 * however many calls.
 */
final class SharedWheelTimer implements Workload {

	private final List<Timeout> timeouts = new ArrayList<>();

	private @Nullable HashedWheelTimer timer;

	private @Nullable Thread worker;

	@Override
	public String id() {
		return "shared-wheel-timer";
	}

	@Override
	public String description() {
		return "one Netty HashedWheelTimer for the app: each call sets N timeouts on it and cancels the previous "
				+ "call's; one thread however many calls";
	}

	@Override
	public int maxSize() {
		return 1000;
	}

	@Override
	public synchronized void run(int size) {
		if (this.timer == null) {
			DefaultThreadFactory named = new DefaultThreadFactory("shared-wheel-timer", true);
			this.timer = new HashedWheelTimer((task) -> {
				Thread thread = named.newThread(task);
				this.worker = thread;
				return thread;
			});
		}
		for (Timeout timeout : this.timeouts) {
			timeout.cancel();
		}
		this.timeouts.clear();
		for (int i = 0; i < size; i++) {
			this.timeouts.add(this.timer.newTimeout((timeout) -> {
			}, 30, TimeUnit.SECONDS));
		}
	}

	@Override
	public synchronized int threads() {
		Thread thread = this.worker;
		return (thread != null && thread.isAlive()) ? 1 : 0;
	}

	@Override
	public synchronized void stop() {
		if (this.timer != null) {
			this.timeouts.clear();
			this.timer.stop();
			this.timer = null;
			this.worker = null;
		}
	}

}
