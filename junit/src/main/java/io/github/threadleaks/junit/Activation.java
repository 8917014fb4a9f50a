package io.github.threadleaks.junit;

/**
 * How the user turned the check on for a test, so that a message names what they did and
 * where their settings go.
 */
enum Activation {

	/** {@code @VerifyNoThreadLeaks} on the test or a class that holds it. */
	ANNOTATION("@VerifyNoThreadLeaks(ignoreThreadNames = ...) or "),

	/** A {@link ThreadLeaksExtension} from its builder, in a field. */
	REGISTERED("ThreadLeaksExtension.builder().ignoreThreadNames(...) or "),

	/**
	 * JUnit's extension auto-detection,
	 * {@code junit.jupiter.extensions.autodetection.enabled=true}: the test has no
	 * annotation of ours.
	 */
	AUTO_DETECTION("");

	private final String ignoreInCode;

	Activation(String ignoreInCode) {
		this.ignoreInCode = ignoreInCode;
	}

	/** Where the user ignores threads by name, in the words of what they did. */
	String ignoreByName() {
		return this.ignoreInCode + PlatformProperties.IGNORE_THREAD_NAMES
				+ ((this == AUTO_DETECTION) ? " (the check runs by " + PlatformProperties.AUTO_DETECTION
						+ "=true; @VerifyNoThreadLeaks(ignoreThreadNames = ...) on a class works too)" : "");
	}

}
