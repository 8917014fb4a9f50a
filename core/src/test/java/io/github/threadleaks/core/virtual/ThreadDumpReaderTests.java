package io.github.threadleaks.core.virtual;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

import io.github.threadleaks.core.StackFrame;
import io.github.threadleaks.core.ThreadCensus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * The streaming reader of the JVM's JSON thread dump, on dumps written as JDK 21 and JDK
 * 25 write them.
 */
class ThreadDumpReaderTests {

	// As JDK 25 writes it: per-thread state, parkBlocker and virtual.
	private static final String JDK25_DUMP = """
			{"threadDump": {"processId": "1", "time": "2026-12-07T12:00:00Z", "runtimeVersion": "25",
			  "threadContainers": [
			    {"container": "<root>", "parent": null, "owner": null, "threads": [
			      {"tid": "3", "name": "main", "state": "RUNNABLE", "stack": ["Probe.main(Probe.java:16)"]}
			    ], "threadCount": "1"},
			    {"container": "java.util.concurrent.ThreadPerTaskExecutor@f5ac9e4", "parent": "<root>", "owner": null,
			     "threads": [
			      {"tid": "25", "time": "2026-12-07T12:00:00Z", "virtual": true, "name": "", "state": "WAITING",
			       "parkBlocker": {"object": "java.util.concurrent.SynchronousQueue$Transferer@479d31f3"},
			       "stack": ["java.base\\/java.lang.VirtualThread.park(VirtualThread.java:742)",
			                 "java.base\\/java.util.concurrent.SynchronousQueue.put(SynchronousQueue.java:266)",
			                 "app\\/\\/com.example.Fan$$Lambda\\/0x000001a.run(Unknown Source)",
			                 "com.example.Fan.send(Fan.java:10)"]},
			      {"tid": "27", "virtual": true, "name": "worker \\"1\\"\\u00e9", "state": "WAITING",
			       "parkBlocker": {"object": "java.util.concurrent.SynchronousQueue$Transferer@479d31f3"},
			       "stack": ["java.base\\/java.lang.VirtualThread.park(VirtualThread.java:742)",
			                 "java.base\\/java.util.concurrent.SynchronousQueue.put(SynchronousQueue.java:266)",
			                 "app\\/\\/com.example.Fan$$Lambda\\/0x000001a.run(Unknown Source)",
			                 "com.example.Fan.send(Fan.java:10)"], "extra": {"nested": [1, -2.5e3, true, null]}}
			    ], "threadCount": "2"}
			  ]}}
			""";

	@Test
	void readsVirtualThreadsOnlyWithTheirContainerStateAndBlocker() throws IOException {
		List<Read> threads = read(JDK25_DUMP, (id) -> false);
		assertThat(threads).extracting((read) -> read.thread().id()).containsExactly(25L, 27L);
		Read first = threads.get(0);
		assertThat(first.container()).isEqualTo("java.util.concurrent.ThreadPerTaskExecutor");
		assertThat(first.thread().state()).isEqualTo(Thread.State.WAITING);
		assertThat(first.thread().lockName()).isEqualTo("java.util.concurrent.SynchronousQueue$Transferer@479d31f3");
		assertThat(first.thread().name()).isEmpty();
		assertThat(threads.get(1).thread().name()).isEqualTo("worker \"1\"é");
		assertThat(first.stack()).extracting(StackFrame::toString)
			.containsExactly("java.lang.VirtualThread.park(VirtualThread.java:742)",
					"java.util.concurrent.SynchronousQueue.put(SynchronousQueue.java:266)",
					"com.example.Fan$$Lambda.run(Unknown Source)", "com.example.Fan.send(Fan.java:10)");
	}

	@Test
	void identicalStacksShareOneFrameListAndFingerprint() throws IOException {
		List<Read> threads = read(JDK25_DUMP, (id) -> false);
		assertThat(threads.get(0).stack()).isSameAs(threads.get(1).stack());
		assertThat(threads.get(0).thread().waitedCount()).isEqualTo(threads.get(1).thread().waitedCount());
	}

	@Test
	void readsDumpsBeforeJdk25ByTellingPlatformThreadsApartAndStateFromTheStack() throws IOException {
		String jdk21 = """
				{"threadDump": {"threadContainers": [
				  {"container": "ForkJoinPool-1/jdk.internal.vm.SharedThreadContainer@384ad17b", "threads": [
				    {"tid": "7", "name": "platform", "stack": []},
				    {"tid": "8", "name": "", "stack": ["java.base/java.lang.VirtualThread.parkNanos(VirtualThread.java:1)"]},
				    {"tid": "9", "name": "busy", "stack": ["com.example.Spin.run(Spin.java:3)"]}
				  ]}]}}
				""";
		List<Read> threads = read(jdk21, (id) -> id == 7);
		assertThat(threads).extracting((read) -> read.thread().id()).containsExactly(8L, 9L);
		assertThat(threads.get(0).container()).isEqualTo("ForkJoinPool-#/jdk.internal.vm.SharedThreadContainer");
		assertThat(threads.get(0).thread().state()).isEqualTo(Thread.State.TIMED_WAITING);
		assertThat(threads.get(1).thread().state()).isEqualTo(Thread.State.RUNNABLE);
	}

	@Test
	void keepsAtMostTheConfiguredDepthButFingerprintsTheWholeStack() throws IOException {
		String dump = """
				{"threadDump": {"threadContainers": [{"container": "c", "threads": [
				  {"tid": "1", "virtual": true, "stack": ["a.B.c(B.java:1)", "a.B.d(B.java:2)", "a.B.e(B.java:3)"]},
				  {"tid": "2", "virtual": true, "stack": ["a.B.c(B.java:1)", "a.B.d(B.java:2)", "a.B.f(B.java:4)"]}
				]}]}}
				""";
		ThreadDumpReader reader = new ThreadDumpReader(2, (id) -> false);
		List<Read> threads = new ArrayList<>();
		reader.read(new StringReader(dump),
				(thread, stack, container) -> threads.add(new Read(thread, stack, container)));
		assertThat(threads.get(0).stack()).hasSize(2).isSameAs(threads.get(1).stack());
		assertThat(threads.get(0).thread().waitedCount()).isNotEqualTo(threads.get(1).thread().waitedCount());
	}

	@Test
	void malformedDumpsFailWithAnIoException() {
		String cutInAnArray = "{\"threadDump\": {\"threadContainers\": [{\"threads\": [";
		String cutInAString = cutInAnArray + "{\"tid\": \"1\", \"name\": \"x";
		assertThatIOException().isThrownBy(() -> read(cutInAnArray, (id) -> false)).withMessageContaining("truncated");
		assertThatIOException().isThrownBy(() -> read(cutInAString, (id) -> false))
			.withMessageContaining("the document ends inside a string");
		assertThatIOException().isThrownBy(() -> read("not json", (id) -> false))
			.withMessageContaining("not a JDK thread dump");
	}

	private static List<Read> read(String dump, LongPredicate isPlatform) throws IOException {
		List<Read> threads = new ArrayList<>();
		new ThreadDumpReader(32, isPlatform).read(new StringReader(dump),
				(thread, stack, container) -> threads.add(new Read(thread, stack, container)));
		return threads;
	}

	private record Read(ThreadCensus thread, List<StackFrame> stack, String container) {
	}

}
