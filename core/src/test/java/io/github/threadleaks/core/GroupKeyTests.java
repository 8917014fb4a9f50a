package io.github.threadleaks.core;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GroupKeyTests {

	private static final List<StackFrame> PARKED = SyntheticThreadSource.frames("jdk.internal.misc.Unsafe.park",
			"java.util.concurrent.SynchronousQueue.put", "com.example.Sender.send");

	@Test
	void theSameKeyGivesTheSameIdEveryTime() {
		String id = new GroupKey("pool-#-thread-#", Thread.State.WAITING, PARKED).id();
		assertThat(new GroupKey("pool-#-thread-#", Thread.State.WAITING, PARKED).id()).isEqualTo(id);
		assertThat(id).hasSize(12).matches("[0-9a-f]{12}");
	}

	@Test
	void idIsAFixedFunctionOfTheKeyText() {
		// The first 12 hex digits of SHA-256("main\nRUNNABLE"), computed outside Java:
		// ids must not drift.
		assertThat(new GroupKey("main", Thread.State.RUNNABLE, List.of()).id()).isEqualTo("629702a9b766");
	}

	@Test
	void nameStateAndFramesEachMakeADifferentGroup() {
		GroupKey key = new GroupKey("pool-#-thread-#", Thread.State.WAITING, PARKED);
		GroupKey otherName = new GroupKey("worker-#", Thread.State.WAITING, PARKED);
		GroupKey otherState = new GroupKey("pool-#-thread-#", Thread.State.TIMED_WAITING, PARKED);
		GroupKey otherFrames = new GroupKey("pool-#-thread-#", Thread.State.WAITING, PARKED.subList(0, 2));
		assertThat(List.of(otherName, otherState, otherFrames)).allSatisfy((other) -> {
			assertThat(other).isNotEqualTo(key);
			assertThat(other.id()).isNotEqualTo(key.id());
		});
		assertThat(new GroupKey("pool-#-thread-#", Thread.State.WAITING, List.copyOf(PARKED))).isEqualTo(key)
			.hasSameHashCodeAs(key);
	}

	@Test
	void generatedClassNamesAreFoldedSoIdsSurviveARestart() {
		assertThat(StackFrame.stableClassName("com.example.Foo$$Lambda$563/0x00007feb98146a70"))
			.isEqualTo("com.example.Foo$$Lambda");
		assertThat(StackFrame.stableClassName("com.example.Foo$$Lambda/0x000071f4b8001234"))
			.isEqualTo("com.example.Foo$$Lambda");
		assertThat(StackFrame.stableClassName("jdk.proxy2.$Proxy57")).isEqualTo("jdk.proxy2.$Proxy#");
		assertThat(StackFrame.stableClassName("jdk.internal.reflect.GeneratedMethodAccessor12"))
			.isEqualTo("jdk.internal.reflect.GeneratedMethodAccessor#");
		assertThat(StackFrame.stableClassName("com.example.ProxyFactory")).isEqualTo("com.example.ProxyFactory");
	}

	@Test
	void aLambdaFrameReadsTheSameInEveryRun() {
		Runnable lambda = () -> {
		};
		StackTraceElement element = new StackTraceElement(lambda.getClass().getName(), "run", null, -1);
		assertThat(StackFrame.of(element).className()).isEqualTo(GroupKeyTests.class.getName() + "$$Lambda");
	}

	@Test
	void framesReadLikeAJavaStackTraceWithoutModuleVersions() {
		assertThat(new StackFrame("java.lang.Object", "wait", null, -2))
			.hasToString("java.lang.Object.wait(Native Method)");
		assertThat(new StackFrame("a.B", "c", "B.java", 12)).hasToString("a.B.c(B.java:12)");
		assertThat(new StackFrame("a.B", "c", null, -1)).hasToString("a.B.c(Unknown Source)");
		StackFrame fromJdk = StackFrame
			.of(new StackTraceElement("app", "java.base", "17.0.15", "java.lang.Thread", "run", "Thread.java", 840));
		assertThat(fromJdk).hasToString("java.lang.Thread.run(Thread.java:840)");
	}

	@Test
	void aVirtualGroupAndAPlatformGroupWithTheSameNameStateAndStackHaveDifferentIds() {
		List<StackFrame> frames = SyntheticThreadSource.frames("java.util.concurrent.SynchronousQueue.put");
		GroupKey platform = new GroupKey("x", Thread.State.WAITING, frames);
		GroupKey virtual = new GroupKey("x", Thread.State.WAITING, frames,
				"java.util.concurrent.ThreadPerTaskExecutor");
		assertThat(virtual).isNotEqualTo(platform);
		assertThat(virtual.id()).isNotEqualTo(platform.id());
		assertThat(platform.id()).as("platform ids are what they were before containers existed")
			.isEqualTo(new GroupKey("x", Thread.State.WAITING, frames, null).id());
	}

}
