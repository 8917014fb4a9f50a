package io.github.threadleaks.autoconfigure;

import java.util.List;

import io.github.threadleaks.core.ThreadLeakListener;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.virtual.PlatformAndVirtualMonitors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Attaches the application's {@link ThreadLeakListener} beans (the meters, the log of
 * verdicts, the application's own) to the {@link PlatformAndVirtualMonitors} bean, which
 * reads whichever {@link ThreadLeakMonitor} bean there is (the auto-configured one or one
 * the application declares) and the virtual threads' monitor. It runs once every
 * singleton exists, before any sampler starts, so no verdict is missed and a listener
 * that needs the monitor causes no cycle.
 */
class ThreadLeakListenerRegistrar implements SmartInitializingSingleton {

	private final ObjectProvider<PlatformAndVirtualMonitors> reports;

	private final ObjectProvider<ThreadLeakListener> listeners;

	ThreadLeakListenerRegistrar(ObjectProvider<PlatformAndVirtualMonitors> reports,
			ObjectProvider<ThreadLeakListener> listeners) {
		this.reports = reports;
		this.listeners = listeners;
	}

	@Override
	public void afterSingletonsInstantiated() {
		PlatformAndVirtualMonitors combined = this.reports.getIfUnique();
		if (combined == null) {
			return;
		}
		List<ThreadLeakListener> all = this.listeners.orderedStream().toList();
		// Both monitors' verdicts: the combined reports pass each listener the platform
		// and virtual threads'.
		all.forEach(combined::addListener);
	}

}
