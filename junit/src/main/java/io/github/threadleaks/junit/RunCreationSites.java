package io.github.threadleaks.junit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.threadleaks.core.CreationSiteTracking;
import io.github.threadleaks.core.CreationSites;
import io.github.threadleaks.core.creation.ApplicationPackages;
import io.github.threadleaks.core.creation.CreationSiteTracker;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store.CloseableResource;

/**
 * One creation-site tracker for the whole test run, and who owns the threads started
 * while tests run in parallel: started by the first check that wants one, before it takes
 * its baseline (so its thread is never blamed), and closed with the run's root store.
 * JUnit before 5.13 closes only a {@link CloseableResource}, later lines an
 * {@link AutoCloseable} too: it is both, and stops once.
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

	/** No tracking: no sites, no owners. */
	private static final RunCreationSites OFF = new RunCreationSites(null, null);

	private final @Nullable CreationSiteTracker tracker;

	private final ThreadOwners owners = new ThreadOwners();

	/** The test classes' packages, or {@code null} where the packages are configured. */
	private final @Nullable TestPackages testPackages;

	private final AtomicBoolean closed = new AtomicBoolean();

	private RunCreationSites(@Nullable CreationSiteTracker tracker, @Nullable TestPackages testPackages) {
		this.tracker = tracker;
		this.testPackages = testPackages;
		if (tracker != null) {
			tracker.listen(this.owners);
		}
	}

	/** The run's tracker, started on first use; one that tracks nothing where off. */
	static RunCreationSites of(ExtensionContext context) {
		if (!PlatformProperties.creationSite(context)) {
			return OFF;
		}
		RunCreationSites run = context.getRoot()
			.getStore(NAMESPACE)
			.getOrComputeIfAbsent(RunCreationSites.class, (key) -> start(context), RunCreationSites.class);
		run.testClassRuns(context);
		return run;
	}

	private static RunCreationSites start(ExtensionContext context) {
		List<String> configured = PlatformProperties.applicationPackages(context);
		CreationSiteTracker tracker = new CreationSiteTracker(MAX_THREADS,
				PlatformProperties.checkedPackages(configured));
		tracker.start();
		return new RunCreationSites(tracker, configured.isEmpty() ? new TestPackages() : null);
	}

	/**
	 * Learns the package of the context's test class: the application's code is the
	 * common package of the test classes run.
	 */
	private void testClassRuns(ExtensionContext context) {
		CreationSiteTracker running = this.tracker;
		TestPackages packages = this.testPackages;
		Class<?> type = context.getTestClass().orElse(null);
		if (running != null && packages != null && type != null && packages.add(type.getPackageName())) {
			running.application(ApplicationPackages.of(packages.roots()));
		}
	}

	/** Where threads were started, {@link CreationSites#NONE} where not tracked. */
	CreationSites sites() {
		return (this.tracker != null) ? this.tracker : CreationSites.NONE;
	}

	/** Who owns the threads started while tests run in parallel. */
	ThreadOwners owners() {
		return this.owners;
	}

	/** Whether thread starts are seen: without them no thread can be attributed. */
	boolean tracking() {
		return this.tracker != null && this.tracker.tracking().state() == CreationSiteTracking.State.TRACKING;
	}

	/**
	 * Waits, at most {@link #CATCH_UP}, until every thread start so far is known: only
	 * when a leak was found, or a thread must be attributed.
	 */
	void awaitCatchUp() {
		try {
			sites().awaitCatchUp(CATCH_UP);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		if (this.tracker != null && this.closed.compareAndSet(false, true)) {
			this.tracker.listen(null);
			this.tracker.stop();
		}
	}

}
