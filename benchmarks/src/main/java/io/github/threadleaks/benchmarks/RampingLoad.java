package io.github.threadleaks.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * HTTP load in waves that ramp up to a number of concurrent clients on loopback: each
 * client is a thread of its own that sends {@code GET} requests one after another over a
 * kept-alive connection, cycling through the paths. A wave adds clients step by step up
 * to the most, holds them, takes them away step by step, then stays quiet: the pool of
 * the server grows in steps, and its idle workers, more at every step down, are left to
 * time out. Bounded: the whole run lasts {@link Plan#seconds()}.
 */
final class RampingLoad {

	/** The names of the client threads, for a monitor in the same JVM to leave out. */
	static final String CLIENT_THREAD_NAMES = "ramp-client-\\d+";

	private final URI base;

	private final List<String> paths;

	private final Plan plan;

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong failures = new AtomicLong();

	private final List<Client> clients = new ArrayList<>();

	RampingLoad(URI base, List<String> paths, Plan plan) {
		this.base = base;
		this.paths = List.copyOf(paths);
		this.plan = plan;
	}

	/**
	 * Runs the waves on the calling thread; once a second, after the clients were matched
	 * to the plan, calls {@code everySecond} with the second's number (from 1).
	 */
	void run(IntConsumer everySecond) throws InterruptedException {
		long start = System.nanoTime();
		try {
			for (int second = 1; second <= this.plan.seconds(); second++) {
				resize(this.plan.clientsAt(second));
				long next = start + Duration.ofSeconds(second).toNanos();
				Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
				everySecond.accept(second);
			}
		}
		finally {
			resize(0);
		}
	}

	int clients() {
		return this.clients.size();
	}

	long requests() {
		return this.requests.get();
	}

	long failures() {
		return this.failures.get();
	}

	private void resize(int wanted) throws InterruptedException {
		while (this.clients.size() < wanted) {
			Client client = new Client(this.clients.size());
			this.clients.add(client);
			client.thread.start();
		}
		while (this.clients.size() > wanted) {
			Client client = this.clients.remove(this.clients.size() - 1);
			client.stopping = true;
			client.thread.join(Duration.ofSeconds(30).toMillis());
		}
	}

	/** One GET, the body read to the end so that the connection is kept alive. */
	static String get(URI uri) throws IOException {
		HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
		connection.setConnectTimeout(5000);
		connection.setReadTimeout(30_000);
		int status = connection.getResponseCode();
		InputStream body = (status >= 400) ? connection.getErrorStream() : connection.getInputStream();
		String text = (body != null) ? new String(body.readAllBytes(), StandardCharsets.UTF_8) : "";
		if (status >= 400) {
			throw new IOException(uri + " answered " + status);
		}
		return text;
	}

	private final class Client implements Runnable {

		private final Thread thread;

		private volatile boolean stopping;

		private Client(int number) {
			this.thread = new Thread(this, "ramp-client-" + number);
			this.thread.setDaemon(true);
		}

		@Override
		public void run() {
			int next = this.thread.getName().hashCode();
			while (!this.stopping) {
				String path = RampingLoad.this.paths.get(Math.floorMod(next++, RampingLoad.this.paths.size()));
				try {
					get(RampingLoad.this.base.resolve(path));
					RampingLoad.this.requests.incrementAndGet();
				}
				catch (IOException ex) {
					RampingLoad.this.failures.incrementAndGet();
				}
			}
		}

	}

	/**
	 * The waves: each adds {@code clientsPerStep} clients every {@code stepSeconds} up to
	 * {@code maxClients}, holds them {@code holdSeconds}, takes
	 * {@code clientsPerStepDown} away every {@code stepSeconds}, then stays without
	 * clients for {@code quietSeconds}.
	 *
	 * @param waves the number of waves
	 * @param maxClients the most concurrent clients of a wave
	 * @param clientsPerStep clients added per step
	 * @param stepSeconds seconds between steps
	 * @param holdSeconds seconds at the most clients
	 * @param quietSeconds seconds without clients after each wave
	 * @param clientsPerStepDown clients taken away per step after the hold
	 * ({@code maxClients}: all at once)
	 */
	record Plan(int waves, int maxClients, int clientsPerStep, int stepSeconds, int holdSeconds, int quietSeconds,
			int clientsPerStepDown) {

		Plan {
			if (waves < 1 || maxClients < 1 || clientsPerStep < 1 || stepSeconds < 1 || holdSeconds < 0
					|| quietSeconds < 0 || clientsPerStepDown < 1) {
				throw new IllegalArgumentException(
						"A plan needs at least one wave, client, step and client down, and no negative seconds: "
								+ List.of(waves, maxClients, clientsPerStep, stepSeconds, holdSeconds, quietSeconds,
										clientsPerStepDown));
			}
		}

		/**
		 * Parses
		 * {@code waves,maxClients,clientsPerStep,stepSeconds,holdSeconds,quietSeconds}
		 * and, optionally, {@code ,clientsPerStepDown} (by default
		 * {@code clientsPerStep}).
		 */
		static Plan parse(String text) {
			String[] parts = text.split(",");
			if (parts.length != 6 && parts.length != 7) {
				throw new IllegalArgumentException("A plan is waves,maxClients,clientsPerStep,stepSeconds,"
						+ "holdSeconds,quietSeconds[,clientsPerStepDown], not '" + text + "'");
			}
			int[] values = new int[7];
			for (int i = 0; i < parts.length; i++) {
				values[i] = Integer.parseInt(parts[i].trim());
			}
			return new Plan(values[0], values[1], values[2], values[3], values[4], values[5],
					(parts.length == 7) ? values[6] : values[2]);
		}

		int rampSeconds() {
			return steps(this.clientsPerStep) * this.stepSeconds;
		}

		int rampDownSeconds() {
			return steps(this.clientsPerStepDown) * this.stepSeconds;
		}

		private int steps(int clients) {
			return (this.maxClients + clients - 1) / clients;
		}

		int waveSeconds() {
			return rampSeconds() + this.holdSeconds + rampDownSeconds() + this.quietSeconds;
		}

		int seconds() {
			return this.waves * waveSeconds();
		}

		/** Clients wanted during the given second (from 1). */
		int clientsAt(int second) {
			int inWave = (second - 1) % waveSeconds();
			if (inWave < rampSeconds()) {
				return Math.min(this.maxClients, (inWave / this.stepSeconds + 1) * this.clientsPerStep);
			}
			if (inWave < rampSeconds() + this.holdSeconds) {
				return this.maxClients;
			}
			int down = inWave - rampSeconds() - this.holdSeconds;
			return Math.max(0, this.maxClients - (down / this.stepSeconds + 1) * this.clientsPerStepDown);
		}

		@Override
		public String toString() {
			return this.waves + " waves of " + this.clientsPerStep + " clients more every " + this.stepSeconds
					+ " s up to " + this.maxClients + ", held " + this.holdSeconds + " s, " + this.clientsPerStepDown
					+ " fewer every " + this.stepSeconds + " s, then " + this.quietSeconds + " s quiet (" + seconds()
					+ " s)";
		}

	}

}
