package io.github.threadleaks.junit;

import java.util.ArrayList;
import java.util.List;

/**
 * The packages of the test classes run so far, as few roots as cover them: the common
 * package of two classes' packages where it has at least two names
 * ({@code org.apache.hc.core5} for {@code org.apache.hc.core5.testing} and
 * {@code org.apache.hc.core5.benchmark}), else each on its own. What "the application's
 * own code" is, for a creation site, where no package is configured.
 */
final class TestPackages {

	/** The fewest names a common package keeps: {@code org} alone says nothing. */
	private static final int MIN_NAMES = 2;

	private final List<String> roots = new ArrayList<>();

	/**
	 * Takes in a test class's package; returns whether the roots changed. The default
	 * package adds nothing.
	 */
	synchronized boolean add(String packageName) {
		if (packageName.isEmpty()) {
			return false;
		}
		for (int i = 0; i < this.roots.size(); i++) {
			String root = this.roots.get(i);
			if (within(packageName, root)) {
				return false;
			}
			String common = common(root, packageName);
			if (common.chars().filter((c) -> c == '.').count() + 1 >= MIN_NAMES) {
				this.roots.set(i, common);
				this.roots.removeIf((other) -> other != common && within(other, common));
				return true;
			}
		}
		this.roots.add(packageName);
		return true;
	}

	synchronized List<String> roots() {
		return List.copyOf(this.roots);
	}

	private static boolean within(String name, String root) {
		return name.equals(root) || name.startsWith(root + ".");
	}

	/** The longest common package of two, whole names only; empty if none. */
	static String common(String first, String second) {
		String[] a = first.split("\\.");
		String[] b = second.split("\\.");
		StringBuilder common = new StringBuilder();
		for (int i = 0; i < Math.min(a.length, b.length) && a[i].equals(b[i]); i++) {
			common.append((i > 0) ? "." : "").append(a[i]);
		}
		return common.toString();
	}

}
