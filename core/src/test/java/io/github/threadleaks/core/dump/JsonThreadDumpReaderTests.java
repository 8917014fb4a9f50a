package io.github.threadleaks.core.dump;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.threadleaks.core.StackFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The JSON dump reader on real dumps of JDK 25 (and as JDK 21 to 24 write them), and on
 * every kind of bad input it must name.
 */
class JsonThreadDumpReaderTests {

	@Test
	void readsARealJdk25DumpWithItsTimeProcessStatesAndBlockers() throws IOException {
		ThreadDump dump = read(DumpResources.JDK25_JSON);
		assertThat(dump.takenAt()).isEqualTo(Instant.parse("2026-12-07T12:19:24.546033799Z"));
		assertThat(dump.processId()).isEqualTo("6818");
		assertThat(dump.threads()).extracting(DumpedThread::name)
			.contains("main", "Reference Handler", "replica-0", "replica-1", "replica-2");
		DumpedThread replica = thread(dump, "replica-0");
		assertThat(replica.state()).isEqualTo(Thread.State.WAITING);
		assertThat(replica.virtual()).isFalse();
		assertThat(replica.lockName()).startsWith("java.util.concurrent.SynchronousQueue$Transferer@");
		assertThat(replica.container()).isEqualTo("<root>");
		assertThat(replica.frames()).extracting(StackFrame::toString)
			.contains("java.util.concurrent.SynchronousQueue.put(SynchronousQueue.java:266)");
		assertThat(thread(dump, "main").state()).isEqualTo(Thread.State.TIMED_WAITING);
	}

	@Test
	void readsTheStatesOfAJdk21StyleDumpFromTheStacks() throws IOException {
		ThreadDump dump = read(DumpResources.JDK21_JSON);
		ThreadDump jdk25 = read(DumpResources.JDK25_JSON);
		assertThat(dump.threads()).hasSameSizeAs(jdk25.threads());
		assertThat(thread(dump, "replica-1").state()).isEqualTo(Thread.State.WAITING);
		assertThat(thread(dump, "main").state()).isEqualTo(Thread.State.TIMED_WAITING);
		assertThat(dump.threads()).noneMatch(DumpedThread::virtual);
		// The same thread sitting in the same place has the same fingerprint.
		assertThat(thread(dump, "replica-1").fingerprint()).isEqualTo(thread(jdk25, "replica-1").fingerprint());
	}

	@Test
	void aRealDumpCutAtAThreadWhoseNameHoldsControlCharactersIsTruncatedInThatThread() {
		assertThatExceptionOfType(DumpFormatException.class).isThrownBy(() -> read(DumpResources.JDK25_TRUNCATED_JSON))
			.satisfies((ex) -> {
				assertThat(ex.problem()).isEqualTo("truncated: the document ends early");
				assertThat(ex.thread()).isEqualTo("24");
				assertThat(ex.offset()).isEqualTo(6900);
				assertThat(ex.getMessage()).isEqualTo(DumpResources.JDK25_TRUNCATED_JSON
						+ ": truncated: the document ends early at offset 6900, in thread 24");
			});
	}

	@Test
	void aBadEscapeInAThreadNameIsNamedWithTheThreadAndOffset() {
		String dump = "{\"threadDump\": {\"threadContainers\": [{\"container\": \"<root>\", \"threads\": [\n"
				+ "{\"tid\": \"7\", \"name\": \"bad\\uZZZZ\", \"stack\": []}]}]}}";
		assertThatExceptionOfType(DumpFormatException.class).isThrownBy(() -> read("bad.json", dump))
			.withMessage("bad.json: bad \\u escape: four hex digits expected at offset 99, in thread 7");
	}

	@Test
	void aThreadNameWithControlCharactersIsKeptButEscapedInMessages() throws IOException {
		String dump = "{\"threadDump\": {\"threadContainers\": [{\"container\": \"<root>\", \"threads\": [\n"
				+ "{\"tid\": \"7\", \"name\": \"odd\\u001b[2J\\u0007\", \"stack\": [\"a.B.c(B.java:1)\", \"oops\"]}]}]}}";
		assertThatExceptionOfType(DumpFormatException.class).isThrownBy(() -> read("odd.json", dump))
			.satisfies((ex) -> {
				assertThat(ex.thread()).isEqualTo("7 \"odd\u001b[2J\u0007\"");
				assertThat(ex.getMessage()).doesNotContain("\u001b", "\u0007")
					.endsWith("unreadable stack frame: oops at offset 153, in thread 7 \"odd\\u001b[2J\\u0007\"");
			});
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', value = {
			"`[1]`|d.json: not a JDK thread dump (no \"threadDump\" object)",
			"`{\"other\": 1}`|d.json: not a JDK thread dump (no \"threadDump\" object)",
			"`{\"threadDump\": {\"time\": \"yesterday\"}}`|d.json: unreadable \"time\": yesterday at offset 23",
			"`{\"threadDump\": {\"threadContainers\": [{\"threads\": [{\"tid\": \"x\"}]}]}}`|d.json: \"tid\" is not a thread id: x at offset 57, in thread (no tid yet)",
			"`{\"threadDump\": {\"threadContainers\": [{\"threads\": [{\"name\": \"n\"}]}]}}`|d.json: a thread without its \"tid\" at offset 63, in thread (no tid yet) \"n\"",
			"`{\"threadDump\": {\"other\": 12e}}`|d.json: bad number '12e' at offset 25",
			"`{\"threadDump\": {}} x`|d.json: text after the end of the document: 'x' at offset 19" })
	void badInputIsOneDocumentedExceptionSayingWhere(String dump, String message) {
		assertThatExceptionOfType(DumpFormatException.class).isThrownBy(() -> read("d.json", dump))
			.withMessage(message);
	}

	@Test
	void streamsEveryThreadAndInternsIdenticalStacks() throws IOException {
		List<DumpedThread> threads = new ArrayList<>();
		JsonThreadDumpReader reader = new JsonThreadDumpReader(DumpResources.JDK25_JSON);
		Instant time;
		try (BufferedReader in = DumpResources.open(DumpResources.JDK25_JSON)) {
			time = reader.stream(in, threads::add);
		}
		assertThat(time).isEqualTo(Instant.parse("2026-12-07T12:19:24.546033799Z"));
		List<DumpedThread> replicas = threads.stream().filter((t) -> t.name().startsWith("replica-")).toList();
		assertThat(replicas).hasSize(3);
		assertThat(replicas.get(0).frames()).isSameAs(replicas.get(1).frames());
		assertThat(reader.distinctStacks()).isLessThan(threads.size());
	}

	@Test
	void tellsVirtualThreadsApartWhereTheDumpDoesNotSay() throws IOException {
		String dump = """
				{"threadDump": {"threadContainers": [{"container": "java.util.concurrent.ThreadPerTaskExecutor@f5ac9e4",
				  "threads": [
				    {"tid": "30", "name": "", "stack": ["java.base/java.lang.VirtualThread.park(VirtualThread.java:582)",
				      "java.base/java.lang.VirtualThread.run(VirtualThread.java:309)"]},
				    {"tid": "31", "name": "", "stack": ["java.base/java.lang.VirtualThread.park(VirtualThread.java:582)",
				      "java.base/jdk.internal.vm.Continuation.enter(Continuation.java:320)"]}
				  ]}]}}
				""";
		ThreadDump read = read("v.json", dump);
		assertThat(read.threads()).extracting(DumpedThread::virtual).containsExactly(false, true);
		assertThat(read.threads()).extracting(DumpedThread::container)
			.containsOnly("java.util.concurrent.ThreadPerTaskExecutor");
		assertThat(new JsonThreadDumpReader("v.json", 32, (id) -> id == 31).read(new StringReader(dump)).threads())
			.extracting(DumpedThread::virtual)
			.containsExactly(true, false);
	}

	private static ThreadDump read(String resource) throws IOException {
		try (BufferedReader in = DumpResources.open(resource)) {
			return new JsonThreadDumpReader(resource).read(in);
		}
	}

	private static ThreadDump read(String source, String dump) throws IOException {
		return new JsonThreadDumpReader(source).read(new StringReader(dump));
	}

	private static DumpedThread thread(ThreadDump dump, String name) {
		return dump.threads().stream().filter((thread) -> thread.name().equals(name)).findFirst().orElseThrow();
	}

}
