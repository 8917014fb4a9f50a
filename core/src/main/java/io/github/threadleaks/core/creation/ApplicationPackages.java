package io.github.threadleaks.core.creation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.github.threadleaks.core.InvalidSettingException;
import io.github.threadleaks.core.StackFrame;
import io.github.threadleaks.core.ThreadOrigin;
import io.github.threadleaks.core.internal.StackFrames;
import org.jspecify.annotations.Nullable;

/**
 * Which code is the application's own, so that a creation site names the application's
 * line first and the library's after it: {@code com.acme.OrderClient.fetch(line 42) via
 * io.netty.util.concurrent.ThreadPerTaskExecutor.execute(line 61)}.
 *
 * <p>
 * With packages given (Spring Boot's auto-configuration packages, a property, a test
 * class's package), the application's frame is the first frame of the starter's stack in
 * one of them, and the <em>library that started the thread</em> is named after it by the
 * first frame past the JDK's own thread-starting frames, where that is not the
 * application's. Without ({@link #UNKNOWN}), or where no frame is in them, the site is
 * that first frame past the JDK's own, as it always was. (A rule without packages, "the
 * first frame outside the JDK and outside the starting frame's organisation", was tried
 * and left out: for a thread the application starts itself it names the framework that
 * called the application, such as a test runner's or a web framework's frame.)
 *
 * @since 0.1.0
 */
public final class ApplicationPackages {

	/** No packages known: the site is the first frame past the JDK's own. */
	public static final ApplicationPackages UNKNOWN = new ApplicationPackages(List.of());

	private static final Pattern PACKAGE_NAME = Pattern
		.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

	/** The most frames reported per creation site past the application's frame. */
	private static final int FRAMES_PAST_SITE = 4;

	private final List<String> prefixes;

	private ApplicationPackages(List<String> packages) {
		List<String> prefixes = new ArrayList<>(packages.size());
		for (String name : packages) {
			prefixes.add(name + ".");
		}
		this.prefixes = List.copyOf(prefixes);
	}

	/**
	 * The application's code is in these packages and their sub-packages
	 * ({@code com.acme} covers {@code com.acme.orders}); an empty list is
	 * {@link #UNKNOWN}.
	 * @throws InvalidSettingException naming
	 * {@code creation-site.application-packages[i]} for a name that is not a package name
	 */
	public static ApplicationPackages of(List<String> packages) {
		for (int i = 0; i < packages.size(); i++) {
			String name = packages.get(i);
			if (name == null || !PACKAGE_NAME.matcher(name).matches()) {
				throw new InvalidSettingException("creation-site.application-packages[" + i + "]", name,
						"a package name such as com.example.orders");
			}
		}
		return packages.isEmpty() ? UNKNOWN : new ApplicationPackages(packages);
	}

	/** The packages given, empty for {@link #UNKNOWN}. */
	public List<String> packages() {
		return this.prefixes.stream().map((prefix) -> prefix.substring(0, prefix.length() - 1)).toList();
	}

	/**
	 * Where a thread was started, from its starter's frames (top first, the JDK's
	 * thread-starting frames included); {@code null} where no frame is outside the JDK.
	 */
	@Nullable ThreadOrigin originOf(List<StackFrame> starterFrames) {
		int start = 0;
		while (start < starterFrames.size() && StackFrames.isJdk(starterFrames.get(start).className())) {
			start++;
		}
		if (start == starterFrames.size()) {
			return null;
		}
		int site = givenSite(starterFrames, start);
		List<String> frames = new ArrayList<>();
		int end = Math.min(starterFrames.size(),
				Math.max(start + LiveThreadOrigins.MAX_FRAMES, site + FRAMES_PAST_SITE));
		for (int i = start; i < end; i++) {
			frames.add(LiveThreadOrigins.text(starterFrames.get(i)));
		}
		String text = frames.get(site - start);
		return ThreadOrigin.startedAt((site == start) ? text : text + " via " + frames.get(0), frames);
	}

	/**
	 * Whether these starter's frames name the application: a frame in its packages, or,
	 * with none known, any frame past the JDK's. A thread started from frames that do not
	 * (a client's own thread starting its reactor) is named after the thread that started
	 * it.
	 */
	boolean namesApplication(List<StackFrame> starterFrames) {
		for (StackFrame frame : starterFrames) {
			String className = frame.className();
			if (this.prefixes.isEmpty() ? !StackFrames.isJdk(className) : isApplication(className)) {
				return true;
			}
		}
		return false;
	}

	private int givenSite(List<StackFrame> frames, int start) {
		for (int i = start; i < frames.size(); i++) {
			if (isApplication(frames.get(i).className())) {
				return i;
			}
		}
		return start;
	}

	private boolean isApplication(String className) {
		for (String prefix : this.prefixes) {
			if (className.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public String toString() {
		return this.prefixes.isEmpty() ? "ApplicationPackages[unknown]" : "ApplicationPackages" + packages();
	}

}
