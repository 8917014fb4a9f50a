package io.github.threadleaks.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;

/**
 * A JVM on this host, reached without changing or restarting it: the Attach API starts
 * its local management agent (loopback only, as {@code jcmd ManagementAgent.start_local}
 * does), and its {@link ThreadMXBean} is read over that JMX connection.
 */
final class RemoteJvm implements AutoCloseable {

	private final JMXConnector connector;

	private final ThreadMXBean threads;

	private RemoteJvm(JMXConnector connector, ThreadMXBean threads) {
		this.connector = connector;
		this.threads = threads;
	}

	/**
	 * Attaches to the JVM of the given process id; the exception's message says why not,
	 * in one line.
	 */
	static RemoteJvm attach(String pid) throws AttachFailure {
		String address;
		try {
			VirtualMachine vm = VirtualMachine.attach(pid);
			try {
				address = vm.startLocalManagementAgent();
			}
			finally {
				vm.detach();
			}
		}
		catch (AttachNotSupportedException ex) {
			throw new AttachFailure("cannot attach to process " + pid + ": " + ex.getMessage()
					+ " (is it a JVM of this user, started without -XX:+DisableAttachMechanism?)");
		}
		catch (IOException | RuntimeException ex) {
			throw new AttachFailure("cannot attach to process " + pid + ": " + ex.getClass().getSimpleName()
					+ ((ex.getMessage() != null) ? ": " + ex.getMessage() : ""));
		}
		try {
			JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
			MBeanServerConnection connection = connector.getMBeanServerConnection();
			ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(connection,
					ManagementFactory.THREAD_MXBEAN_NAME, com.sun.management.ThreadMXBean.class);
			return new RemoteJvm(connector, threads);
		}
		catch (IOException | RuntimeException ex) {
			throw new AttachFailure("attached to process " + pid + " but cannot reach its management agent at "
					+ address + ": " + ex.getMessage());
		}
	}

	ThreadMXBean threads() {
		return this.threads;
	}

	@Override
	public void close() {
		try {
			this.connector.close();
		}
		catch (IOException ex) {
			// The target may be gone already: nothing left to release.
		}
	}

	/** Attaching failed; the message says why in one line. */
	static final class AttachFailure extends Exception {

		private static final long serialVersionUID = 1L;

		AttachFailure(String message) {
			super(message);
		}

		@Override
		public synchronized Throwable fillInStackTrace() {
			return this;
		}

	}

}
