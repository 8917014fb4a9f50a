package io.github.threadleaks.core.dump;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;

import io.github.threadleaks.core.StackFrame;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The jstack text reader on real {@code jcmd Thread.print} dumps of JDK 17 and 25, and on
 * layouts a test cannot make on demand, written here as a JDK 17
 * {@code jcmd Thread.print} printed them: a second thread list ({@code _to_delete_list})
 * appears only when a thread ends while the dump is taken.
 */
class TextThreadDumpReaderTests {

	private static final String DUMP_WITH_A_THREAD_ENDING = """
			2026-11-30 15:18:40
			Full thread dump OpenJDK 64-Bit Server VM (17.0.15+6-Debian-1deb12u1 mixed mode, sharing):

			Threads class SMR info:
			_java_thread_list=0x00007fdb7c13a6f0, length=2, elements={
			0x00007fdbd8018020, 0x00007fdbd80f6d50
			}
			_to_delete_list=0x00007fdb7c13a6f0, length=3, elements={
			0x00007fdbd8018020, 0x00007fdbd80f6d50, 0x00007fdbd80f8130
			}

			"main" #1 prio=5 os_prio=0 cpu=660.97ms elapsed=6.47s tid=0x00007fdbd8018020 nid=0x1bc9 waiting on condition  [0x00007f80dddfe000]
			   java.lang.Thread.State: TIMED_WAITING (sleeping)
			\tat java.lang.Thread.sleep(java.base@17.0.15/Native Method)
			\tat Leak.main(Leak.java:5)

			"replica-0" #12 daemon prio=5 os_prio=0 cpu=0.19ms elapsed=2.09s tid=0x00007fdbd80f6d50 nid=0x1c51 waiting on condition  [0x00007f80b13fc000]
			   java.lang.Thread.State: WAITING (parking)
			\tat jdk.internal.misc.Unsafe.park(java.base@17.0.15/Native Method)
			\t- parking to wait for  <0x000000069df17878> (a java.util.concurrent.SynchronousQueue$TransferStack)
			\tat java.util.concurrent.locks.LockSupport.park(java.base@17.0.15/LockSupport.java:341)

			"GC Thread#0" os_prio=0 cpu=10.27ms elapsed=6.47s tid=0x00007f80d8041800 nid=0x1bca runnable

			JNI global refs: 7, weak refs: 0
			""";

	@Test
	void bothThreadListsOfTheJvmArePassedOver() throws Exception {
		TextThreadDumpReader input = reader(DUMP_WITH_A_THREAD_ENDING);
		ThreadDump dump = input.next();
		assertThat(dump).isNotNull();
		assertThat(dump.takenAt()).isEqualTo(Instant.parse("2026-11-30T15:18:40Z"));
		assertThat(dump.threads()).extracting(DumpedThread::name).containsExactly("main", "replica-0");
		DumpedThread replica = dump.threads().get(1);
		assertThat(replica.id()).isEqualTo(12);
		assertThat(replica.daemon()).isTrue();
		assertThat(replica.state()).isEqualTo(Thread.State.WAITING);
		assertThat(replica.lockName()).isEqualTo("java.util.concurrent.SynchronousQueue$TransferStack");
		assertThat(replica.frames()).hasSize(2);
		assertThat(input.next()).isNull();
	}

	@Test
	void readsRealJcmdDumpsOfJdk17And25Alike() throws IOException {
		for (String resource : List.of(DumpResources.JDK17_TEXT, DumpResources.JDK25_TEXT)) {
			TextThreadDumpReader reader = new TextThreadDumpReader(DumpResources.open(resource), resource,
					new FrameText());
			ThreadDump dump = reader.next();
			assertThat(dump).as(resource).isNotNull();
			assertThat(dump.processId()).as(resource).matches("\\d+");
			assertThat(dump.takenAt()).as(resource).isNotNull();
			DumpedThread replica = dump.threads()
				.stream()
				.filter((thread) -> thread.name().equals("replica-2"))
				.findFirst()
				.orElseThrow();
			assertThat(replica.state()).isEqualTo(Thread.State.WAITING);
			assertThat(replica.daemon()).isTrue();
			assertThat(replica.frames()).extracting(StackFrame::toString)
				.contains("java.util.concurrent.SynchronousQueue.put(SynchronousQueue.java:"
						+ (resource.equals(DumpResources.JDK17_TEXT) ? "839)" : "266)"));
			assertThat(reader.next()).isNull();
		}
	}

	@Test
	void readsSeveralDumpsOfOneFileEachWithItsOwnTime() throws IOException {
		String twice = DumpResources.text(DumpResources.JDK17_TEXT)
				+ DumpResources.text(DumpResources.JDK17_TEXT).replace("2026-12-07 12:19:23", "2026-12-07 12:19:33");
		TextThreadDumpReader reader = reader(twice);
		assertThat(reader.next().takenAt()).isEqualTo(Instant.parse("2026-12-07T12:19:23Z"));
		assertThat(reader.next().takenAt()).isEqualTo(Instant.parse("2026-12-07T12:19:33Z"));
		assertThat(reader.next()).isNull();
	}

	@Test
	void aCutDumpIsTruncatedAtItsFirstLineNamingTheLastThreadRead() throws IOException {
		String whole = DumpResources.text(DumpResources.JDK17_TEXT);
		String cut = whole.substring(0, whole.indexOf("\"replica-1\""));
		TextThreadDumpReader reader = reader(cut);
		assertThatExceptionOfType(DumpFormatException.class).isThrownBy(reader::next).satisfies((ex) -> {
			assertThat(ex.line()).isEqualTo(3);
			assertThat(ex.getMessage())
				.startsWith("dump.txt:3: truncated: the dump ends before its 'JNI global refs' line, after thread ");
		});
		assertThat(reader.next()).isNull();
	}

	@Test
	void anUnreadableLineIsNamedWithItsLineAndThread() {
		String corrupt = DUMP_WITH_A_THREAD_ENDING.replace("\tat Leak.main(Leak.java:5)", "\tat garbage");
		assertThatExceptionOfType(DumpFormatException.class).isThrownBy(() -> reader(corrupt).next())
			.withMessage("dump.txt:15: unreadable stack frame: at garbage in thread 1 \"main\"");
	}

	@Test
	void controlCharactersOfAThreadNameAreKeptInTheThreadAndEscapedInMessages() {
		String odd = DUMP_WITH_A_THREAD_ENDING.replace("\"main\"", "\"odd\u001b[2J\u0007\"")
			.replace("\tat Leak.main(Leak.java:5)", "\tat garbage");
		assertThatExceptionOfType(DumpFormatException.class).isThrownBy(() -> reader(odd).next())
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("\u001b")
				.endsWith("in thread 1 \"odd\\u001b[2J\\u0007\""));
	}

	private static TextThreadDumpReader reader(String text) {
		return new TextThreadDumpReader(new BufferedReader(new StringReader(text)), "dump.txt", new FrameText());
	}

}
