package io.github.threadleaks.junit;

import java.time.Duration;
import java.util.List;

import io.github.threadleaks.core.CreationSiteTracking;
import io.github.threadleaks.core.CreationSites;
import io.github.threadleaks.core.ThreadOrigin;

/**
 * The run's creation sites as one check names them: where a frame of the test class (of a
 * class nested in it, or of a superclass) is among the frames that started a thread, the
 * site names it, then {@code via} the frame that started the thread where that is
 * another; the test's own line says more than the first frame of the test's package.
 */
final class TestFrameSites implements CreationSites {

	private final CreationSites sites;

	private final List<String> testClasses;

	TestFrameSites(CreationSites sites, List<String> testClasses) {
		this.sites = sites;
		this.testClasses = testClasses;
	}

	@Override
	public ThreadOrigin originOf(long threadId) {
		ThreadOrigin origin = this.sites.originOf(threadId);
		if (origin.kind() != ThreadOrigin.Kind.STARTED_AT) {
			return origin;
		}
		List<String> frames = origin.frames();
		for (int i = 0; i < frames.size(); i++) {
			if (isTestClass(CreatedByRules.method(frames.get(i)))) {
				String site = (i == 0) ? frames.get(0) : frames.get(i) + " via " + frames.get(0);
				return site.equals(origin.site()) ? origin : ThreadOrigin.startedAt(site, frames);
			}
		}
		return origin;
	}

	private boolean isTestClass(String method) {
		int dot = method.lastIndexOf('.');
		String type = (dot < 0) ? method : method.substring(0, dot);
		for (String testClass : this.testClasses) {
			if (type.equals(testClass) || type.startsWith(testClass + "$")) {
				return true;
			}
		}
		return false;
	}

	@Override
	public CreationSiteTracking tracking() {
		return this.sites.tracking();
	}

	@Override
	public boolean awaitCatchUp(Duration timeout) throws InterruptedException {
		return this.sites.awaitCatchUp(timeout);
	}

}
