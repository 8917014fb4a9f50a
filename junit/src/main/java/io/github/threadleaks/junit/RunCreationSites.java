package io.github.threadleaks.junit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.threadleaks.core.CreationSites;
import io.github.threadleaks.core.creation.ApplicationPackages;
import io.github.threadleaks.core.creation.CreationSiteTracker;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store.CloseableResource;

/**
 * One creation-site tracker for the whole test run: started by the first check that wants
 * one, before it takes its baseline (so its thread is never blamed), and closed with the
 * run's root store. JUnit before 5.13 closes only a {@link CloseableResource}, later
 * lines an {@link AutoCloseable} too: it is both, and stops once.
 */
@SuppressWarnings("deprecation") // CloseableResource is deprecated from JUnit 5.13 on,
									// and the only one 5.10 closes.
final class RunCreationSites implements CloseableResource, AutoCloseable {

	/**
	 * The longest a failing check waits for JFR to deliver the leaked threads' starts.
	 */
	static final Duration CATCH_UP = Duration.ofSeconds(10);

	/**
	 * The most threads whose site is held: a test run starts many, most end at once and
	 * are forgotten then.
	 */
	static final int MAX_THREADS = 100_000;

	private static final Namespace NAMESPACE = Namespace.create(RunCreationSites.class);

	private final CreationSiteTracker tracker;

	private final AtomicBoolean closed = new AtomicBoolean();

	private RunCreationSites(CreationSiteTracker tracker) {
		this.tracker = tracker;
	}

	/**
	 * The run's tracker, started on first use; {@link CreationSites#NONE} where switched
	 * off.
	 */
	static CreationSites of(ExtensionContext context) {
		if (!PlatformProperties.creationSite(context)) {
			return CreationSites.NONE;
		}
		return context.getRoot()
			.getStore(NAMESPACE)
			.getOrComputeIfAbsent(RunCreationSites.class,
					(key) -> start(PlatformProperties.applicationPackages(context)), RunCreationSites.class).tracker;
	}

	private static RunCreationSites start(ApplicationPackages application) {
		CreationSiteTracker tracker = new CreationSiteTracker(MAX_THREADS, application);
		tracker.start();
		return new RunCreationSites(tracker);
	}

	/**
	 * Waits, at most {@link #CATCH_UP}, until every thread start so far is known: only
	 * when a leak was found.
	 */
	static void awaitCatchUp(CreationSites sites) {
		try {
			sites.awaitCatchUp(CATCH_UP);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.tracker.stop();
		}
	}

}
