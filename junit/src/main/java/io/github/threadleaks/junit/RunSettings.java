package io.github.threadleaks.junit;

import java.time.Duration;

import io.github.threadleaks.core.CreationSites;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What every check of a run shares, from the configuration parameters: the creation sites
 * and the threads' owners, the extra time for timed waiters, whether class-initializer
 * threads are blamed, and the run's summary.
 *
 * @param sites where threads were started and which test started them
 * @param timedWaitGrace the extra time threads still in a timed wait when the linger is
 * over get to end
 * @param blameClassInitializers whether threads started from a class initializer fail the
 * test that started them
 * @param defaultIgnores whether the default ignores apply, idle workers of pools whose
 * idle threads time out among them
 * @param summary the run's summary, {@code null} where switched off
 */
record RunSettings(RunCreationSites sites, Duration timedWaitGrace, boolean blameClassInitializers,
		boolean defaultIgnores, @Nullable RunSummary summary) {

	/**
	 * The settings of the run the context belongs to; starts the creation-site tracker on
	 * first use.
	 */
	static RunSettings of(ExtensionContext context) {
		return new RunSettings(RunCreationSites.of(context), PlatformProperties.timedWaitGrace(context),
				PlatformProperties.blameClassInitializers(context), PlatformProperties.defaultIgnores(context),
				RunSummary.of(context));
	}

	/** Where threads were started, {@link CreationSites#NONE} where not tracked. */
	CreationSites creationSites() {
		return this.sites.sites();
	}

}
