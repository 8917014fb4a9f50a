package io.github.threadleaks.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.locks.ReentrantLock;

import static java.lang.Thread.State.WAITING;

/**
 * Leaks from the literature, ported to JVM primitives: each kernel is one request of the
 * buggy code, which leaves threads blocked, and its upstream fix, which releases them.
 * Run with the fix applied a few samples late, a kernel is its own benign twin: its
 * threads block in the same primitive, stuck, until the fix lets them go.
 * <p>
 * The kernels come from GoKer, the minimized real-world goroutine leaks of the GoBench
 * benchmark (Yuan et al., CGO 2021; MIT licence), as kept in Go's goroutine-leak profile
 * test data ({@code src/runtime/testdata/testgoroutineleakprofile/goker}), and from the
 * common patterns of "Unveiling and Vanquishing Goroutine Leaks in Enterprise
 * Microservices" (Saioc et al., CGO 2024), kept beside them in {@code commonpatterns.go}.
 * A Go channel send with no receiver is a {@link SynchronousQueue#put}, a receive from a
 * channel nobody closes a {@link BlockingQueue#take}, a {@code sync.WaitGroup.Wait} a
 * {@link CountDownLatch#await}, a {@code sync.Mutex} a {@link ReentrantLock}.
 * <p>
 * Public for the other modules' tests (the JUnit extension runs it too), in core's
 * test-jar with {@link BlockedThreads}.
 */
public final class LeakCorpus {

	/** Every kernel. */
	public static final List<Kernel> KERNELS = List.of(
			// GoKer grpc660: the parent returns on stop without draining done; the
			// child's
			// send blocks. Fix: the parent drains done.
			new Kernel("grpc660", (threads) -> {
				SynchronousQueue<Boolean> done = new SynchronousQueue<>();
				threads.startBlocked("grpc660", WAITING, () -> done.put(true));
				return done::take;
			}),
			// GoKer kubernetes5316: finishRequest times out before fn's result is sent;
			// the sender blocks on an unbuffered channel. Fix: the result is received
			// (upstream: a buffered channel).
			new Kernel("kubernetes5316", (threads) -> {
				SynchronousQueue<Object> result = new SynchronousQueue<>();
				threads.startBlocked("kubernetes5316", WAITING, () -> result.put("error"));
				return result::take;
			}),
			// GoKer cockroach1055: Quiesce waits for a drain that StartTask added to and
			// no task ever marks done; the workers wait for a stop that never comes. Fix:
			// the task marks the drain done, so Quiesce returns and Stop closes the
			// stopper.
			new Kernel("cockroach1055", (threads) -> {
				CountDownLatch drain = new CountDownLatch(1);
				CountDownLatch stopper = new CountDownLatch(1);
				threads.startBlocked("cockroach1055-worker", WAITING, stopper::await);
				threads.startBlocked("cockroach1055-worker", WAITING, stopper::await);
				threads.startBlocked("cockroach1055-quiesce", WAITING, () -> {
					drain.await();
					stopper.countDown();
				});
				return drain::countDown;
			}),
			// GoKer kubernetes30872: ClustersSynced holds the informer's lock (L1) and
			// waits for the queue's (L2), which the process loop holds while it waits for
			// L1. Fix: L1 is no longer held across the call, so the loop gets it once
			// the holder lets go.
			new Kernel("kubernetes30872", (threads) -> {
				ReentrantLock informer = new ReentrantLock();
				ReentrantLock queue = new ReentrantLock();
				CountDownLatch bothHeld = new CountDownLatch(2);
				CountDownLatch fixed = new CountDownLatch(1);
				threads.start("kubernetes30872-synced", () -> {
					informer.lockInterruptibly();
					try {
						bothHeld.countDown();
						bothHeld.await();
						// The fix: L1 let go of instead of waiting for L2 under it.
						fixed.await();
					}
					finally {
						informer.unlock();
					}
				});
				threads.startBlocked("kubernetes30872-loop", WAITING, () -> {
					queue.lockInterruptibly();
					try {
						bothHeld.countDown();
						bothHeld.await();
						informer.lockInterruptibly();
						informer.unlock();
					}
					finally {
						queue.unlock();
					}
				});
				return fixed::countDown;
			}),
			// commonpatterns.go NCastLeak: one result of three is received, the other
			// senders block. Fix: every result is received.
			new Kernel("ncast", (threads) -> {
				SynchronousQueue<Object> results = new SynchronousQueue<>();
				for (int i = 0; i < 3; i++) {
					threads.startBlocked("ncast", WAITING, () -> results.put("result"));
				}
				results.take();
				return () -> {
					results.take();
					results.take();
				};
			}),
			// commonpatterns.go EarlyReturn: the parent returns on an error before it
			// receives; the sender blocks. Fix: the parent receives on every path.
			new Kernel("early-return", (threads) -> {
				SynchronousQueue<Object> channel = new SynchronousQueue<>();
				threads.startBlocked("early-return", WAITING, () -> channel.put("value"));
				return channel::take;
			}),
			// commonpatterns.go NoCloseRange: workers range over a channel that is never
			// closed; once the items are done they wait forever. Fix: close it.
			new Kernel("no-close-range", (threads) -> {
				BlockingQueue<Object> items = new LinkedBlockingQueue<>();
				Object closed = new Object();
				for (int i = 0; i < 2; i++) {
					threads.startBlocked("no-close-range", WAITING, () -> {
						while (items.take() != closed) {
							// Process the item.
						}
					});
				}
				return () -> {
					items.put(closed);
					items.put(closed);
				};
			}),
			// commonpatterns.go MethodContractViolation: a worker is started and never
			// stopped; it waits for items or a stop. Fix: Stop is called.
			new Kernel("contract-violation", (threads) -> {
				Worker worker = new Worker();
				threads.startBlocked("contract-violation", WAITING, worker::run);
				return worker::stop;
			}),
			// commonpatterns.go DoubleSend: on error the sender sends nil and, its return
			// missing, sends again; the receiver takes one. Fix: the second send is
			// received (upstream: the return is added).
			new Kernel("double-send", (threads) -> {
				SynchronousQueue<Object> channel = new SynchronousQueue<>();
				Thread sender = threads.startBlocked("double-send", WAITING, () -> {
					channel.put("nil");
					sendAgain(channel);
				});
				channel.take();
				BlockedThreads.awaitState(List.of(sender), WAITING, LeakCorpus.class.getName() + ".sendAgain");
				return channel::take;
			}),
			// commonpatterns.go Timeout: the context is done before the sender's value is
			// received; the sender blocks. Fix: the value is received.
			new Kernel("timeout", (threads) -> {
				LinkedTransferQueue<Object> channel = new LinkedTransferQueue<>();
				threads.startBlocked("timeout", WAITING, () -> channel.transfer("value"));
				return channel::take;
			}));

	private LeakCorpus() {
	}

	/**
	 * One kernel: {@code request} runs one request of the buggy code with the given
	 * threads, waits until the threads it leaves are blocked, and returns the fix that
	 * releases them.
	 */
	public record Kernel(String name, Request request) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	/** One request of a kernel. */
	public interface Request {

		Fix send(BlockedThreads threads) throws Exception;

	}

	/** A kernel's upstream fix, applied to one request's blocked threads. */
	public interface Fix {

		void apply() throws Exception;

	}

	/** The fixes of requests made so far, applied in order. */
	static final class Pending {

		private final List<Fix> fixes = new ArrayList<>();

		void add(Fix fix) {
			this.fixes.add(fix);
		}

		/** Applies the oldest fix. */
		void applyOldest() throws Exception {
			this.fixes.remove(0).apply();
		}

		int size() {
			return this.fixes.size();
		}

	}

	/** DoubleSend's second send, the one without a receiver. */
	private static void sendAgain(SynchronousQueue<Object> channel) throws InterruptedException {
		channel.put("value");
	}

	/** A worker that waits on its monitor for items or a stop. */
	private static final class Worker {

		private final List<Object> items = new ArrayList<>();

		private boolean stopped;

		synchronized void run() throws InterruptedException {
			while (!this.stopped) {
				while (!this.stopped && this.items.isEmpty()) {
					wait();
				}
				this.items.clear();
			}
		}

		synchronized void stop() {
			this.stopped = true;
			notifyAll();
		}

	}

}
