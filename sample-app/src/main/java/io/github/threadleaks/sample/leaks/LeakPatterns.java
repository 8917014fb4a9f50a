package io.github.threadleaks.sample.leaks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Every leak pattern of the sample app, with a cap on how many threads they may leak in
 * all, so that nobody can exhaust the host through the demo. Leaks and releases run one
 * at a time, so that the cap holds and a release never pulls threads from under a request
 * still setting its leak up. Releases everything when the application stops.
 */
@Component
public class LeakPatterns implements DisposableBean {

	/** The most threads all patterns together may hold leaked. */
	public static final int MAX_LEAKED_THREADS = 2000;

	private final Map<String, LeakPattern> patterns = new LinkedHashMap<>();

	public LeakPatterns() {
		for (LeakPattern pattern : List.of(new ForgottenSender(), new AbandonedReceiver(), new FutureNeverCompleted(),
				new LockNeverUnlocked(), new MonitorHeldForever(), new LatchNeverReachesZero(),
				new CallWithoutTimeout(), new SenderAfterCallerGaveUp(), new ExecutorPerRequest(),
				new NettyEventLoopPerRequest(), new ApacheAsyncClientPerRequest(), new JdkHttpClientPerRequest(),
				new ScheduledExecutorPerRequest(), new WheelTimerPerRequest())) {
			this.patterns.put(pattern.id(), pattern);
		}
	}

	public List<LeakPattern> all() {
		return List.copyOf(this.patterns.values());
	}

	public @Nullable LeakPattern find(String id) {
		return this.patterns.get(id);
	}

	/** How many threads all patterns hold leaked now. */
	public int leaked() {
		return this.patterns.values().stream().mapToInt(LeakPattern::leaked).sum();
	}

	/**
	 * Leaks {@code requests} requests' worth of threads, unless that would pass
	 * {@link #MAX_LEAKED_THREADS}.
	 * @throws LeakCapExceededException if it would
	 */
	public synchronized void leak(LeakPattern pattern, int requests) throws InterruptedException {
		int wanted = requests * pattern.threadsPerRequest();
		int leaked = leaked();
		if (leaked + wanted > MAX_LEAKED_THREADS) {
			throw new LeakCapExceededException(leaked, wanted, MAX_LEAKED_THREADS);
		}
		for (int i = 0; i < requests; i++) {
			pattern.leakOnce();
		}
	}

	/** Releases one pattern's threads; returns how many ended. */
	public synchronized int release(LeakPattern pattern) {
		return pattern.release();
	}

	/** Releases every pattern's threads; returns how many ended. */
	public synchronized int releaseAll() {
		return this.patterns.values().stream().mapToInt(LeakPattern::release).sum();
	}

	@Override
	public void destroy() {
		releaseAll();
	}

}
