package io.github.threadleaks.autoconfigure;

import io.github.threadleaks.core.StackGroupReport;
import io.github.threadleaks.core.ThreadLeakListener;
import io.github.threadleaks.core.ThreadLeakReport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs the engine's verdicts: one warning when a stack group becomes suspected, one info
 * line when it clears, and a warning when sampling starts failing. Never a line per
 * sample.
 *
 * @since 0.1.0
 */
public class ThreadLeakLogger implements ThreadLeakListener {

	private static final Log logger = LogFactory.getLog(ThreadLeakLogger.class);

	private volatile boolean failing;

	@Override
	public void suspected(StackGroupReport group) {
		logger.warn("Thread leak suspected in stack group " + group.id() + " \"" + group.name() + "\": " + group.count()
				+ " threads, growth " + group.growth() + ", blocked at " + blockedAt(group) + createdBy(group) + ". "
				+ group.explanation());
	}

	@Override
	public void cleared(StackGroupReport group) {
		logger.info("Thread leak cleared in stack group " + group.id() + " \"" + group.name() + "\": " + group.count()
				+ " threads now");
	}

	@Override
	public void sampled(ThreadLeakReport report) {
		this.failing = false;
	}

	@Override
	public void sampleFailed(Throwable failure) {
		// Warn once per run of failures: a broken sampler would otherwise log at every
		// interval.
		if (!this.failing) {
			this.failing = true;
			logger.warn("Thread leak sampling failed; retrying at every interval", failure);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Thread leak sampling failed again", failure);
		}
	}

	private static String createdBy(StackGroupReport group) {
		String site = group.createdBy();
		return site.isEmpty() ? "" : ", created by " + site;
	}

	private static String blockedAt(StackGroupReport group) {
		String frame = group.blockedAt();
		return frame.isEmpty() ? "(no Java frames)" : frame;
	}

}
