package io.github.threadleaks.sample;

import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine as it was at a baseline commit, beside the engine now in the same JVM: its
 * core jar is loaded in a class loader of its own, and its monitor is driven through
 * reflection on its public API. For measurements only: the same threads, at the same
 * moments, judged by both.
 */
final class BaselineMonitor {

	private final Object monitor;

	private final Method sample;

	private BaselineMonitor(Object monitor) throws ReflectiveOperationException {
		this.monitor = monitor;
		this.sample = monitor.getClass().getMethod("sample");
	}

	/**
	 * A monitor of the baseline's core jar over this JVM's threads, with the given
	 * window, min-growth, min-rise-share and ignored thread names, on the given clock.
	 */
	static BaselineMonitor of(Path coreJar, Clock clock, int window, int minGrowth, double minRiseShare,
			List<String> ignoredNames) {
		if (!Files.isRegularFile(coreJar)) {
			throw new IllegalArgumentException("No baseline core jar at " + coreJar);
		}
		try {
			// Only the JDK as parent: the baseline's classes never meet the current ones.
			ClassLoader loader = new URLClassLoader(new URL[] { coreJar.toUri().toURL() },
					ClassLoader.getPlatformClassLoader());
			Class<?> settingsType = loader.loadClass("io.github.threadleaks.core.ThreadLeaksSettings");
			Object builder = settingsType.getMethod("builder").invoke(null);
			Class<?> builderType = builder.getClass();
			builderType.getMethod("window", int.class).invoke(builder, window);
			builderType.getMethod("minGrowth", int.class).invoke(builder, minGrowth);
			builderType.getMethod("minRiseShare", double.class).invoke(builder, minRiseShare);
			builderType.getMethod("ignoredThreadNames", List.class).invoke(builder, ignoredNames);
			Object settings = builderType.getMethod("build").invoke(builder);
			Class<?> sourceType = loader.loadClass("io.github.threadleaks.core.ThreadSource");
			Object source = loader.loadClass("io.github.threadleaks.core.JvmThreadSource")
				.getConstructor()
				.newInstance();
			Object monitor = loader.loadClass("io.github.threadleaks.core.ThreadLeakMonitor")
				.getConstructor(settingsType, sourceType, Clock.class)
				.newInstance(settings, source, clock);
			return new BaselineMonitor(monitor);
		}
		catch (ReflectiveOperationException | MalformedURLException ex) {
			throw new IllegalStateException("The baseline core jar " + coreJar + " cannot be driven", ex);
		}
	}

	/** Takes a sample; returns the names of the suspected groups. */
	List<String> sampleSuspects() {
		try {
			Object report = this.sample.invoke(this.monitor);
			List<String> names = new ArrayList<>();
			for (Object group : (List<?>) report.getClass().getMethod("suspects").invoke(report)) {
				names.add((String) group.getClass().getMethod("name").invoke(group));
			}
			return names;
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("The baseline monitor failed to sample", ex);
		}
	}

}
