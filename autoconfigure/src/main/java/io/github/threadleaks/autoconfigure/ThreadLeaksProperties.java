package io.github.threadleaks.autoconfigure;

import java.time.Duration;

import io.github.threadleaks.core.ThreadLeaksSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Configuration properties for threadleaks. The defaults and the ranges are the engine's
 * ({@link ThreadLeaksSettings}): the ranges are checked at start-up, when the engine's
 * settings are built from them.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("threadleaks")
public class ThreadLeaksProperties {

	private static final ThreadLeaksSettings DEFAULTS = ThreadLeaksSettings.defaults();

	/**
	 * Whether to watch the application's threads for leaks.
	 */
	private boolean enabled = true;

	/**
	 * How often to sample the threads. At least 100ms.
	 */
	private Duration sampleInterval = DEFAULTS.sampleInterval();

	/**
	 * Number of samples the detector looks back over, at the finest horizon. Between 3
	 * and 10000.
	 */
	private int window = DEFAULTS.window();

	/**
	 * Number of threads a stack group must grow by over the window to be suspected of
	 * leaking. At least 1.
	 */
	private int minGrowth = DEFAULTS.minGrowth();

	/**
	 * Share of the window's steps on which a suspected group's count must rise. Greater
	 * than 0 and at most 1.
	 */
	private double minRiseShare = DEFAULTS.minRiseShare();

	/**
	 * Share of a suspected group's judged members (in the group for min-still-samples
	 * samples) that must be stuck: still, not moved since the previous sample, for
	 * min-still-samples samples in a row. Greater than 0 and at most 1.
	 */
	private double minStuckShare = DEFAULTS.minStuckShare();

	/**
	 * Number of samples in a row a member must sit still to be stuck, and be in its group
	 * to be judged; members that joined their group fewer samples ago are not judged yet.
	 * Still between two samples is no evidence: a slow task sits still a sample or two, a
	 * leaked thread for as long as the leak lasts. Between 1 and 9999; at most the window
	 * minus 1 applies.
	 */
	private int minStillSamples = DEFAULTS.minStillSamples();

	/**
	 * Most CPU time, as a share of the wall time since the previous sample, that a
	 * runnable thread on an unchanged stack may use and still count as still: a leaked
	 * event loop wakes on its timers and uses a little CPU in the same place. Between 0
	 * (no CPU at all) and 1.
	 */
	private double maxStillCpuShare = DEFAULTS.maxStillCpuShare();

	/**
	 * Time one sample may spend walking the stacks of known runnable threads; the rest
	 * keep their previous record and are walked first at the next sample, and none is
	 * walked while one walk costs more than this (CPU starvation). New threads and
	 * waiting or blocked ones are always walked. Between 1ms and 1h.
	 */
	private Duration stackWalkBudget = DEFAULTS.stackWalkBudget();

	/**
	 * Number of horizons judged: 1 is the window alone, each further one is downsampled
	 * by the horizon factor, to catch slow leaks. Between 1 and 6.
	 */
	private int horizons = DEFAULTS.horizons();

	/**
	 * Number of points of one horizon that make one point of the next, coarser one.
	 * Between 2 and 1000.
	 */
	private int horizonFactor = DEFAULTS.horizonFactor();

	/**
	 * Number of frames kept per thread, from the top of its stack. Between 1 and 1024.
	 */
	private int stackDepth = DEFAULTS.stackDepth();

	/**
	 * Maximum number of stack groups tracked; the smallest and stalest are evicted first.
	 * Between 1 and 1000000.
	 */
	private int maxGroups = DEFAULTS.maxGroups();

	@NestedConfigurationProperty
	private final IgnoreProperties ignore = new IgnoreProperties();

	private final Metrics metrics = new Metrics();

	@NestedConfigurationProperty
	private final CreationSiteProperties creationSite = new CreationSiteProperties();

	@NestedConfigurationProperty
	private final VirtualThreadsProperties virtualThreads = new VirtualThreadsProperties();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getSampleInterval() {
		return this.sampleInterval;
	}

	public void setSampleInterval(Duration sampleInterval) {
		this.sampleInterval = sampleInterval;
	}

	public int getWindow() {
		return this.window;
	}

	public void setWindow(int window) {
		this.window = window;
	}

	public int getMinGrowth() {
		return this.minGrowth;
	}

	public void setMinGrowth(int minGrowth) {
		this.minGrowth = minGrowth;
	}

	public double getMinRiseShare() {
		return this.minRiseShare;
	}

	public void setMinRiseShare(double minRiseShare) {
		this.minRiseShare = minRiseShare;
	}

	public double getMinStuckShare() {
		return this.minStuckShare;
	}

	public void setMinStuckShare(double minStuckShare) {
		this.minStuckShare = minStuckShare;
	}

	public int getMinStillSamples() {
		return this.minStillSamples;
	}

	public void setMinStillSamples(int minStillSamples) {
		this.minStillSamples = minStillSamples;
	}

	public double getMaxStillCpuShare() {
		return this.maxStillCpuShare;
	}

	public void setMaxStillCpuShare(double maxStillCpuShare) {
		this.maxStillCpuShare = maxStillCpuShare;
	}

	public Duration getStackWalkBudget() {
		return this.stackWalkBudget;
	}

	public void setStackWalkBudget(Duration stackWalkBudget) {
		this.stackWalkBudget = stackWalkBudget;
	}

	public int getHorizons() {
		return this.horizons;
	}

	public void setHorizons(int horizons) {
		this.horizons = horizons;
	}

	public int getHorizonFactor() {
		return this.horizonFactor;
	}

	public void setHorizonFactor(int horizonFactor) {
		this.horizonFactor = horizonFactor;
	}

	public int getStackDepth() {
		return this.stackDepth;
	}

	public void setStackDepth(int stackDepth) {
		this.stackDepth = stackDepth;
	}

	public int getMaxGroups() {
		return this.maxGroups;
	}

	public void setMaxGroups(int maxGroups) {
		this.maxGroups = maxGroups;
	}

	public IgnoreProperties getIgnore() {
		return this.ignore;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	public CreationSiteProperties getCreationSite() {
		return this.creationSite;
	}

	public VirtualThreadsProperties getVirtualThreads() {
		return this.virtualThreads;
	}

	/**
	 * Meters.
	 *
	 * @since 0.1.0
	 */
	public static class Metrics {

		/**
		 * Number of the largest stack groups exported in 'threadleaks.group.threads',
		 * besides every suspected group. Between 0 and 1000.
		 */
		private int maxGroups = 20;

		public int getMaxGroups() {
			return this.maxGroups;
		}

		public void setMaxGroups(int maxGroups) {
			this.maxGroups = maxGroups;
		}

	}

}
