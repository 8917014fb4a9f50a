package io.github.threadleaks.core.dump;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Frames read from their text in each dump format give the same frame as the live
 * engine's {@code StackFrame.of(StackTraceElement)}, so a group has the same id from a
 * dump as live. The texts are copied from real dumps (jstack on JDK 17 and 25, the JSON
 * dump on JDK 25).
 */
class FrameTextTests {

	@Test
	void jstackFramesLoseTheirModuleAndVersion() {
		assertThat(FrameText
			.parse("java.util.concurrent.SynchronousQueue.put(java.base@25.0.3/SynchronousQueue.java:266)"))
			.hasToString("java.util.concurrent.SynchronousQueue.put(SynchronousQueue.java:266)");
		assertThat(FrameText.parse("java.lang.Thread.sleep(java.base@17.0.15/Native Method)"))
			.hasToString("java.lang.Thread.sleep(Native Method)");
		assertThat(FrameText.parse("Leak.main(Leak.java:5)")).hasToString("Leak.main(Leak.java:5)");
	}

	@Test
	void jsonFramesLoseTheirModulePrefix() {
		assertThat(FrameText.parse("java.base/java.lang.Thread.sleepNanos0(Native Method)"))
			.hasToString("java.lang.Thread.sleepNanos0(Native Method)");
		assertThat(FrameText
			.parse("jdk.compiler/com.sun.tools.javac.launcher.SourceLauncher.run(SourceLauncher.java:138)"))
			.hasToString("com.sun.tools.javac.launcher.SourceLauncher.run(SourceLauncher.java:138)");
	}

	@Test
	void generatedClassNamesAreFoldedAsForLiveThreads() {
		assertThat(FrameText.parse("Leak$$Lambda$220/0x00007f805c14c430.run(Unknown Source)"))
			.hasToString("Leak$$Lambda.run(Unknown Source)");
		assertThat(FrameText.parse("Leak$$Lambda/0x000000004c160440.run(Unknown Source)"))
			.hasToString("Leak$$Lambda.run(Unknown Source)");
		assertThat(FrameText
			.parse("java.lang.invoke.LambdaForm$DMH/0x000000004c06c000.invokeStatic(java.base@25.0.3/LambdaForm$DMH)"))
			.hasToString("java.lang.invoke.LambdaForm$DMH.invokeStatic(LambdaForm$DMH)");
	}

	@Test
	void textThatIsNotAFrameIsNone() {
		assertThat(FrameText.parse("garbage without a location")).isNull();
		assertThat(FrameText.parse("(Native Method)")).isNull();
		assertThat(FrameText.parse("method(File.java:1)")).isNull();
	}

}
