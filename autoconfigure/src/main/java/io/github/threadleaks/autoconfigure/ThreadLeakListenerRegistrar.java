package io.github.threadleaks.autoconfigure;

import java.util.List;

import io.github.threadleaks.core.ThreadLeakListener;
import io.github.threadleaks.core.ThreadLeakMonitor;
import io.github.threadleaks.core.virtual.VirtualThreadMonitor;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Attaches the application's {@link ThreadLeakListener} beans (the meters, the log of verdicts, the application's
 * own) to whichever {@link ThreadLeakMonitor} bean there is, the auto-configured one or one the application declares,
 * and makes the virtual threads part of its reports. It runs once every singleton exists, before any sampler starts,
 * so no verdict is missed and a listener that needs the monitor causes no cycle.
 */
class ThreadLeakListenerRegistrar implements SmartInitializingSingleton {

	private final ObjectProvider<ThreadLeakMonitor> monitor;

	private final ObjectProvider<VirtualThreadMonitor> virtualThreads;

	private final ObjectProvider<ThreadLeakListener> listeners;

	ThreadLeakListenerRegistrar(ObjectProvider<ThreadLeakMonitor> monitor,
			ObjectProvider<VirtualThreadMonitor> virtualThreads, ObjectProvider<ThreadLeakListener> listeners) {
		this.monitor = monitor;
		this.virtualThreads = virtualThreads;
		this.listeners = listeners;
	}

	@Override
	public void afterSingletonsInstantiated() {
		ThreadLeakMonitor platform = this.monitor.getIfUnique();
		if (platform == null) {
			return;
		}
		List<ThreadLeakListener> all = this.listeners.orderedStream().toList();
		all.forEach(platform::addListener);
		@Nullable VirtualThreadMonitor virtual = this.virtualThreads.getIfUnique();
		if (virtual != null) {
			// The platform monitor passes the virtual threads' verdicts on to the listeners attached above.
			platform.include(virtual);
		}
	}

}
