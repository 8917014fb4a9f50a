package io.github.threadleaks.sample.leaks;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

/**
 * Go: {@code http.Get} without a timeout to a server that never answers. JVM: a blocking
 * socket read with no read timeout; the thread sits RUNNABLE in native code, using no
 * CPU. The server is a local one that accepts and stays silent.
 */
final class CallWithoutTimeout implements LeakPattern {

	private final LeakedThreads threads = new LeakedThreads("price-client");

	private final LeakedThreads servers = new LeakedThreads("silent-server");

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private @Nullable ServerSocket server;

	@Override
	public String id() {
		return "call-without-timeout";
	}

	@Override
	public String description() {
		return "a client reads the answer of a server that never answers, with no read timeout "
				+ "(Go: http.Get without a timeout)";
	}

	@Override
	public int threadsPerRequest() {
		return 1;
	}

	@Override
	public void leakOnce() throws InterruptedException {
		InetSocketAddress address = silentServer();
		Thread client = this.threads.start(() -> {
			try (Socket socket = new Socket()) {
				this.sockets.add(socket);
				socket.connect(address);
				socket.getOutputStream().write("GET /price HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				socket.getInputStream().read();
			}
			catch (IOException ex) {
				// Released: the socket was closed under the read.
			}
		});
		Await.inSocketRead(client);
	}

	@Override
	public int leaked() {
		return this.threads.alive();
	}

	@Override
	public synchronized int release() {
		for (Socket socket : this.sockets) {
			closeQuietly(socket);
		}
		this.sockets.clear();
		int released = this.threads.joinAll();
		if (this.server != null) {
			closeQuietly(this.server);
			this.server = null;
			this.servers.joinAll();
		}
		return released;
	}

	private synchronized InetSocketAddress silentServer() {
		if (this.server == null) {
			try {
				ServerSocket listening = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
				List<Socket> accepted = this.sockets;
				this.servers.start(() -> {
					while (!listening.isClosed()) {
						try {
							accepted.add(listening.accept());
						}
						catch (IOException ex) {
							// Closed on release.
						}
					}
				});
				this.server = listening;
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot open the silent server", ex);
			}
		}
		return new InetSocketAddress(this.server.getInetAddress(), this.server.getLocalPort());
	}

	private static void closeQuietly(Closeable closeable) {
		try {
			closeable.close();
		}
		catch (IOException ex) {
			// Nothing left to do with it.
		}
	}

}
