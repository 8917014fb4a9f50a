package io.github.threadleaks.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * The JVM the tests dump, record and watch, run in a process of its own. It reads
 * commands from its standard input and answers {@code ok} once the threads they start
 * have reached their blocking call:
 * <ul>
 * <li>{@code leak N}: N threads {@code replica-#} each {@code put} into a
 * {@link SynchronousQueue} nobody takes from, the forgotten sender;</li>
 * <li>{@code drip N MILLIS}: the same leak, one thread every MILLIS ms, answered once all
 * N are blocked;</li>
 * <li>{@code burst N}: N threads {@code worker-#} wait on a latch, the busy part of a
 * pool;</li>
 * <li>{@code release}: the latch is counted down and every {@code worker-#} thread has
 * ended;</li>
 * <li>{@code spin-virtual}: one virtual thread {@code spinner} spins, mounted on its
 * carrier, until {@code exit} (JDK 21+; started by reflection, since this code is
 * compiled for 17);</li>
 * <li>{@code orphan N}: N threads {@code orphan-#} each wait on a future of its own that
 * only its stack holds;</li>
 * <li>{@code pending N}: N threads {@code pending-#} each wait on a future kept in the
 * static map {@code PENDING} that nobody completes;</li>
 * <li>{@code heap-dump FILE}: writes a heap dump of live objects to FILE;</li>
 * <li>{@code odd-name}: one thread named {@code odd\e[2J\e]0;pwned\a-name} (terminal
 * escapes: clear the screen, set the title, bell) waits on a latch until
 * {@code exit};</li>
 * <li>{@code exit}: ends the process.</li>
 * </ul>
 */
public final class LeakingService {

	private static final List<Thread> leaked = new ArrayList<>();

	private static final List<Thread> workers = new ArrayList<>();

	private static CountDownLatch work = new CountDownLatch(1);

	/** Replies awaited through futures that nobody completes, kept where anyone could. */
	static final Map<Integer, CompletableFuture<String>> PENDING = new ConcurrentHashMap<>();

	private static int started;

	/** A thread name that clears and retitles the terminal of whoever prints it raw. */
	static final String ODD_NAME = "odd\u001b[2J\u001b]0;pwned\u0007-name";

	private LeakingService() {
	}

	public static void main(String[] args) throws Exception {
		BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		System.out.println("ready " + ProcessHandle.current().pid());
		String line;
		while ((line = commands.readLine()) != null) {
			String[] words = line.strip().split(" ");
			switch (words[0]) {
				case "leak" -> leak(Integer.parseInt(words[1]), 0);
				case "drip" -> leak(Integer.parseInt(words[1]), Long.parseLong(words[2]));
				case "burst" -> burst(Integer.parseInt(words[1]));
				case "release" -> release();
				case "spin-virtual" -> spinVirtual();
				case "orphan" -> awaitFutures("orphan-", Integer.parseInt(words[1]), false);
				case "pending" -> awaitFutures("pending-", Integer.parseInt(words[1]), true);
				case "heap-dump" -> ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
					.dumpHeap(Path.of(words[1]).toString(), true);
				case "odd-name" -> oddName();
				case "exit" -> System.exit(0);
				default -> throw new IllegalArgumentException("unknown command " + line);
			}
			System.out.println("ok");
		}
	}

	private static void leak(int threads, long pauseMillis) throws InterruptedException {
		for (int i = 0; i < threads; i++) {
			Thread thread = new Thread(LeakingService::sendToNobody, "replica-" + started++);
			thread.setDaemon(true);
			thread.start();
			leaked.add(thread);
			awaitWaiting(thread);
			if (pauseMillis > 0) {
				Thread.sleep(pauseMillis);
			}
		}
	}

	private static void sendToNobody() {
		try {
			new SynchronousQueue<String>().put("answer");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void awaitFutures(String prefix, int threads, boolean kept) throws InterruptedException {
		for (int i = 0; i < threads; i++) {
			int key = started++;
			Thread thread = new Thread(() -> {
				CompletableFuture<String> reply = new CompletableFuture<>();
				if (kept) {
					PENDING.put(key, reply);
				}
				try {
					reply.get();
				}
				catch (Exception ex) {
					Thread.currentThread().interrupt();
				}
			}, prefix + key);
			thread.setDaemon(true);
			thread.start();
			awaitWaiting(thread);
		}
	}

	private static void burst(int threads) throws InterruptedException {
		CountDownLatch latch = work;
		for (int i = 0; i < threads; i++) {
			Thread thread = new Thread(() -> awaitWork(latch), "worker-" + started++);
			thread.setDaemon(true);
			thread.start();
			workers.add(thread);
			awaitWaiting(thread);
		}
	}

	private static void awaitWork(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void release() throws InterruptedException {
		work.countDown();
		for (Thread worker : workers) {
			worker.join();
		}
		workers.clear();
		work = new CountDownLatch(1);
	}

	private static volatile boolean spinning;

	private static void spinVirtual() throws Exception {
		Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
		Class<?> builderType = Class.forName("java.lang.Thread$Builder");
		builder = builderType.getMethod("name", String.class).invoke(builder, "spinner");
		builderType.getMethod("start", Runnable.class).invoke(builder, (Runnable) LeakingService::spin);
		while (!spinning) {
			Thread.sleep(1);
		}
	}

	private static void spin() {
		spinning = true;
		while (spinning) {
			Thread.onSpinWait();
		}
	}

	private static void oddName() throws InterruptedException {
		Thread odd = new Thread(() -> {
			try {
				new CountDownLatch(1).await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, ODD_NAME);
		odd.setDaemon(true);
		odd.start();
		awaitWaiting(odd);
	}

	private static void awaitWaiting(Thread thread) throws InterruptedException {
		while (thread.getState() != Thread.State.WAITING) {
			Thread.onSpinWait();
			Thread.sleep(1);
		}
	}

}
