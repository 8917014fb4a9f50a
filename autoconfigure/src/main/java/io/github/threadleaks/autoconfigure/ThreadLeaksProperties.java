package io.github.threadleaks.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for threadleaks. Ranges are checked at start-up, when the engine's settings are built
 * from them.
 */
@ConfigurationProperties("threadleaks")
public class ThreadLeaksProperties {

	/**
	 * Whether to watch the application's threads for leaks.
	 */
	private boolean enabled = true;

	/**
	 * How often to sample the threads. At least 100ms.
	 */
	private Duration sampleInterval = Duration.ofSeconds(10);

	/**
	 * Number of samples the detector looks back over, at the finest horizon. Between 3 and 10000.
	 */
	private int window = 30;

	/**
	 * Number of threads a stack group must grow by over the window to be suspected of leaking. At least 1.
	 */
	private int minGrowth = 10;

	/**
	 * Share of the window's steps on which a suspected group's count must rise. Greater than 0 and at most 1.
	 */
	private double minRiseShare = 0.25;

	/**
	 * Share of a suspected group's members that must make no progress from one sample to the next. Greater than
	 * 0 and at most 1.
	 */
	private double minStuckShare = 0.9;

	/**
	 * Number of samples in a row a member must sit still before it counts toward the stuck share; members that
	 * joined their group fewer samples ago are not judged yet. Still between two samples is no evidence: a slow
	 * task sits still a sample or two, a leaked thread for as long as the leak lasts. Between 1 and 9999; at most
	 * the window minus 1 applies.
	 */
	private int minStillSamples = 3;

	/**
	 * Most CPU time, as a share of the wall time since the previous sample, that a runnable thread on an
	 * unchanged stack may use and still count as still: a leaked event loop wakes on its timers and uses a
	 * little CPU in the same place. Between 0 (no CPU at all) and 1.
	 */
	private double maxStillCpuShare = 0.01;

	/**
	 * Time one sample may spend walking the stacks of known runnable threads; the rest keep their previous record
	 * and are walked first at the next sample, and none is walked while one walk costs more than this (CPU
	 * starvation). New threads and waiting or blocked ones are always walked. Between 1ms and 1h.
	 */
	private Duration stackWalkBudget = Duration.ofMillis(20);

	/**
	 * Number of horizons judged: 1 is the window alone, each further one is downsampled by the horizon factor,
	 * to catch slow leaks. Between 1 and 6.
	 */
	private int horizons = 3;

	/**
	 * Number of points of one horizon that make one point of the next, coarser one. Between 2 and 1000.
	 */
	private int horizonFactor = 10;

	/**
	 * Number of frames kept per thread, from the top of its stack. Between 1 and 1024.
	 */
	private int stackDepth = 32;

	/**
	 * Maximum number of stack groups tracked; the smallest and stalest are evicted first. Between 1 and
	 * 1000000.
	 */
	private int maxGroups = 1000;

	private final Ignore ignore = new Ignore();

	private final Metrics metrics = new Metrics();

	private final CreationSite creationSite = new CreationSite();

	private final VirtualThreads virtualThreads = new VirtualThreads();

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

	public Ignore getIgnore() {
		return this.ignore;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	public CreationSite getCreationSite() {
		return this.creationSite;
	}

	public VirtualThreads getVirtualThreads() {
		return this.virtualThreads;
	}

	/**
	 * Threads to leave out of the samples, by regular expressions that must match the whole text.
	 */
	public static class Ignore {

		/**
		 * Regular expressions matched against each thread's name; matching threads are left out.
		 */
		private List<String> threadNames = new ArrayList<>();

		/**
		 * Regular expressions matched against each thread's top frame ('class.method'); matching threads are
		 * left out.
		 */
		private List<String> topFrames = new ArrayList<>();

		/**
		 * Regular expressions matched against every captured frame ('class.method'); a thread with any
		 * matching frame is left out.
		 */
		private List<String> anyFrames = new ArrayList<>();

		public List<String> getThreadNames() {
			return this.threadNames;
		}

		public void setThreadNames(List<String> threadNames) {
			this.threadNames = threadNames;
		}

		public List<String> getTopFrames() {
			return this.topFrames;
		}

		public void setTopFrames(List<String> topFrames) {
			this.topFrames = topFrames;
		}

		public List<String> getAnyFrames() {
			return this.anyFrames;
		}

		public void setAnyFrames(List<String> anyFrames) {
			this.anyFrames = anyFrames;
		}

	}

	/**
	 * Meters.
	 */
	public static class Metrics {

		/**
		 * Number of the largest stack groups exported in 'threadleaks.group.threads', besides every suspected
		 * group. Between 0 and 1000.
		 */
		private int maxGroups = 20;

		public int getMaxGroups() {
			return this.maxGroups;
		}

		public void setMaxGroups(int maxGroups) {
			this.maxGroups = maxGroups;
		}

	}

	/**
	 * Creation sites: where each leaking thread was started, from JFR's thread start events.
	 */
	public static class CreationSite {

		/**
		 * Whether to record where threads are started (JFR 'jdk.ThreadStart' events with the starter's stack) and
		 * report each stack group's creation sites. Where JFR is unavailable the report says so and the rest works.
		 */
		private boolean enabled = true;

		/**
		 * Maximum number of live threads whose creation site is held; beyond it the oldest are forgotten first.
		 * Between 1 and 10000000.
		 */
		private int maxThreads = 50_000;

		/**
		 * Packages of the application's own code (sub-packages included), so that a creation site names the
		 * application's line first and the library that started the thread after it ('created by
		 * com.acme.Orders.fetch(line 42) via io.netty...execute'). Defaults to the packages Spring Boot's
		 * auto-configuration scans (those of the '@SpringBootApplication' class); where there are none, the
		 * first frame outside the JDK and outside the library that started the thread.
		 */
		private List<String> applicationPackages = new ArrayList<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxThreads() {
			return this.maxThreads;
		}

		public void setMaxThreads(int maxThreads) {
			this.maxThreads = maxThreads;
		}

		public List<String> getApplicationPackages() {
			return this.applicationPackages;
		}

		public void setApplicationPackages(List<String> applicationPackages) {
			this.applicationPackages = applicationPackages;
		}

	}

	/**
	 * Virtual threads (JDK 21+), listed through the JDK's thread containers at a cadence of their own.
	 */
	public static class VirtualThreads {

		/**
		 * Whether to watch virtual threads too where the JVM can list them safely: on JDK 21+ started with
		 * '--add-exports java.base/jdk.internal.vm=ALL-UNNAMED', or, without it, the ones Spring starts for requests
		 * and tasks where 'spring.threads.virtual.enabled' is true. Elsewhere they are reported as unavailable, with
		 * the reason.
		 */
		private boolean enabled = true;

		/**
		 * How often to list the virtual threads while listings stay within 'max-sample-time'. At least 1s.
		 */
		private Duration interval = Duration.ofSeconds(30);

		/**
		 * Budget of one listing of the virtual threads; a listing that takes longer doubles the interval, up to
		 * 'max-interval', and listings within half the budget halve it again. At least 1ms.
		 */
		private Duration maxSampleTime = Duration.ofSeconds(1);

		/**
		 * Longest interval the listings are stretched to when over budget. At least 'interval'.
		 */
		private Duration maxInterval = Duration.ofMinutes(5);

		/**
		 * Most virtual threads one listing walks the stacks of; the threads past it are left out of that listing.
		 * Without the JVM option, also the most threads registered at once. At least 1.
		 */
		private int maxThreads = 100_000;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public Duration getMaxSampleTime() {
			return this.maxSampleTime;
		}

		public void setMaxSampleTime(Duration maxSampleTime) {
			this.maxSampleTime = maxSampleTime;
		}

		public Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

		public int getMaxThreads() {
			return this.maxThreads;
		}

		public void setMaxThreads(int maxThreads) {
			this.maxThreads = maxThreads;
		}

	}

}
