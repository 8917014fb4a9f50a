package io.github.threadleaks.cli;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text dump layouts that a test cannot make on demand, written here as a JDK 17
 * {@code jcmd Thread.print} printed them: a second thread list ({@code _to_delete_list})
 * appears only when a thread ends while the dump is taken.
 */
class TextDumpInputTests {

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
		TextDumpInput input = new TextDumpInput(Path.of("dump.txt"),
				new BufferedReader(new StringReader(DUMP_WITH_A_THREAD_ENDING)), new FrameText());
		assertThat(input.nextTime()).isEqualTo(Instant.parse("2026-11-30T15:18:40Z"));
		Dump dump = input.next();
		assertThat(dump.threads()).extracting(DumpedThread::name).containsExactly("main", "replica-0");
		DumpedThread replica = dump.threads().get(1);
		assertThat(replica.id()).isEqualTo(12);
		assertThat(replica.daemon()).isTrue();
		assertThat(replica.state()).isEqualTo(Thread.State.WAITING);
		assertThat(replica.lockName()).isEqualTo("java.util.concurrent.SynchronousQueue$TransferStack");
		assertThat(replica.frames()).hasSize(2);
		assertThat(input.nextTime()).isNull();
		input.close();
	}

}
